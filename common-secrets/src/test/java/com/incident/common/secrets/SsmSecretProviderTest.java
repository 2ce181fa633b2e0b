package com.incident.common.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.incident.common.aws.SignedAwsClient;
import com.incident.common.testing.MotoServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/** SecureString parameters over the real SSM wire protocol (moto_server). */
class SsmSecretProviderTest {
  private static SsmClient ssm;

  @BeforeAll
  static void startMoto() {
    MotoServer moto = MotoServer.get();
    ssm = SsmClient.builder()
        .endpointOverride(moto.endpoint())
        .region(MotoServer.REGION)
        .credentialsProvider(MotoServer.CREDENTIALS)
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  @AfterAll
  static void close() {
    if (ssm != null) {
      ssm.close();
    }
  }

  private static void put(String name, String value) {
    ssm.putParameter(b -> b.name(name).value(value).type(ParameterType.SECURE_STRING).overwrite(true));
  }

  /** The provider's own signed GetParameter client, pointed at moto like the SDK client above. */
  private static SignedAwsClient signed() {
    MotoServer moto = MotoServer.get();
    return SignedAwsClient.of(SignedAwsClient.Service.SSM, UrlConnectionHttpClient.create(), MotoServer.CREDENTIALS,
        MotoServer.REGION, moto.endpoint());
  }

  private static SsmSecretProvider provider(Duration ttl) {
    return new SsmSecretProvider(signed(), ttl);
  }

  @Test
  void readsAndDecryptsSecureStrings() {
    put("/app/incident/github/token", "ghp_first");
    assertThat(provider(Duration.ofMinutes(5)).secret("/app/incident/github/token")).isEqualTo("ghp_first");
  }

  @Test
  void cachesValuesForTheTtl() {
    put("/app/incident/datadog/api-key", "v1");
    SsmSecretProvider cached = provider(Duration.ofMinutes(5));
    assertThat(cached.secret("/app/incident/datadog/api-key")).isEqualTo("v1");
    put("/app/incident/datadog/api-key", "v2");
    assertThat(cached.secret("/app/incident/datadog/api-key")).as("still cached").isEqualTo("v1");

    SsmSecretProvider uncached = provider(Duration.ZERO);
    assertThat(uncached.secret("/app/incident/datadog/api-key")).isEqualTo("v2");
  }

  @Test
  void aMissingParameterIsNamedButNoValueLeaks() {
    assertThatThrownBy(() -> provider(Duration.ofMinutes(5)).secret("/app/incident/nope"))
        .isInstanceOf(SecretUnavailableException.class)
        .hasMessageContaining("/app/incident/nope")
        .hasMessageContaining("not found");
  }
}
