package com.incident.local.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

class LocalSsmTest {

  @Test
  void servesSecureStringsToTheRealSdkClient() {
    try (LocalSsm ssm = LocalSsm.start().put("/app/incident/github/token", "ghp_sandbox");
        SsmClient client = client(ssm)) {
      var parameter = client.getParameter(b -> b.name("/app/incident/github/token").withDecryption(true)).parameter();

      assertThat(parameter.value()).isEqualTo("ghp_sandbox");
      assertThat(parameter.typeAsString()).isEqualTo("SecureString");
      assertThat(client.getParameters(b -> b.names("/app/incident/github/token", "/missing")).invalidParameters())
          .containsExactly("/missing");
    }
  }

  @Test
  void anUnknownParameterIsParameterNotFound() {
    try (LocalSsm ssm = LocalSsm.start(); SsmClient client = client(ssm)) {
      assertThatThrownBy(() -> client.getParameter(b -> b.name("/nope"))).isInstanceOf(ParameterNotFoundException.class)
          .hasMessageContaining("/nope");
    }
  }

  private static SsmClient client(LocalSsm ssm) {
    return SsmClient.builder().endpointOverride(URI.create(ssm.url())).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create()).build();
  }
}
