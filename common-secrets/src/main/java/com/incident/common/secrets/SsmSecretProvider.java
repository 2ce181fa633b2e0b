package com.incident.common.secrets;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.SsmException;
import software.amazon.lambda.powertools.parameters.ssm.SSMProvider;

/** SSM SecureString parameters through Powertools' provider, decrypted and cached for {@code ttl}. */
public final class SsmSecretProvider implements SecretProvider {
  private final SSMProvider provider;
  private final Duration ttl;

  public SsmSecretProvider(SsmClient ssm, Duration ttl) {
    this.provider = SSMProvider.builder().withClient(ssm).build();
    this.ttl = ttl;
  }

  @Override
  public String secret(String parameterName) {
    try {
      String value = ((SSMProvider) provider.withDecryption().withMaxAge((int) ttl.toSeconds(), ChronoUnit.SECONDS)).get(parameterName);
      if (value == null || value.isBlank()) {
        throw new SecretUnavailableException(parameterName, "parameter is empty");
      }
      return value;
    } catch (ParameterNotFoundException e) {
      throw new SecretUnavailableException(parameterName, "parameter not found; create it as a SecureString");
    } catch (SsmException e) {
      throw new SecretUnavailableException(parameterName, "SSM error " + e.statusCode() + " "
          + (e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode()));
    } catch (SecretUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      // Powertools wraps SDK errors; unwrap one level to keep the reason, never the value.
      Throwable c = e.getCause();
      if (c instanceof ParameterNotFoundException) {
        throw new SecretUnavailableException(parameterName, "parameter not found; create it as a SecureString");
      }
      throw new SecretUnavailableException(parameterName, "SSM could not be reached: "
          + com.incident.common.config.AccessFailure.describe(e).orElse(e.getClass().getSimpleName()));
    }
  }
}
