package com.incident.common.secrets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.incident.common.aws.SignedAwsClient;
import com.incident.common.config.AccessFailure;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SSM SecureString parameters, decrypted ({@code GetParameter} with {@code WithDecryption}) and cached for
 * {@code ttl}. The call is one signed request ({@link SignedAwsClient}) rather than the SSM SDK module, which would
 * add 5.4 MB to every function that reads a secret. Values are never logged and never part of an error.
 */
public final class SsmSecretProvider implements SecretProvider {
  private final SignedAwsClient ssm;
  private final long ttlNanos;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  private record Cached(String value, long expiresAtNanos) {}

  public SsmSecretProvider(SignedAwsClient ssm, Duration ttl) {
    this.ssm = ssm;
    this.ttlNanos = ttl.toNanos();
  }

  /** Production: SSM in the function's region with its role's credentials. */
  public static SsmSecretProvider create(Duration ttl) {
    return new SsmSecretProvider(SignedAwsClient.create(SignedAwsClient.Service.SSM), ttl);
  }

  @Override
  public String secret(String parameterName) {
    Cached cached = cache.get(parameterName);
    long now = System.nanoTime();
    if (cached != null && now - cached.expiresAtNanos() < 0) {
      return cached.value();
    }
    String value = fetch(parameterName);
    if (ttlNanos > 0) {
      cache.put(parameterName, new Cached(value, now + ttlNanos));
    }
    return value;
  }

  private String fetch(String parameterName) {
    SignedAwsClient.Response response;
    try {
      response = ssm.json11("AmazonSSM", "GetParameter", Map.of("Name", parameterName, "WithDecryption", true));
    } catch (RuntimeException e) {
      throw new SecretUnavailableException(parameterName, "SSM could not be reached: "
          + AccessFailure.describe(e).orElse(e.getClass().getSimpleName()));
    }
    if (!response.successful()) {
      if ("ParameterNotFound".equals(response.errorCode())) {
        throw new SecretUnavailableException(parameterName, "parameter not found; create it as a SecureString");
      }
      throw new SecretUnavailableException(parameterName, "SSM error " + response.status() + " " + response.errorCode());
    }
    String value;
    try {
      value = response.json().path("Parameter").path("Value").asText("");
    } catch (JsonProcessingException e) {
      throw new SecretUnavailableException(parameterName, "SSM answered with a body that is not JSON");
    }
    if (value.isBlank()) {
      throw new SecretUnavailableException(parameterName, "parameter is empty");
    }
    return value;
  }
}
