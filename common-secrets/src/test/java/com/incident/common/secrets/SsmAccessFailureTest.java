package com.incident.common.secrets;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.incident.common.aws.SignedAwsClient;
import com.incident.common.testing.MotoServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/** Without credentials or without an endpoint, a secret read fails with one sentence that says which is missing. */
class SsmAccessFailureTest {
  static final String PARAM = "/app/incident/github/token";

  @Test
  void noCredentialsSaySoInOneSentenceWithoutTheProviderChain() {
    // The SDK's own chain (environment, system properties) with nothing set: what a machine without credentials has.
    SignedAwsClient ssm = client(MotoServer.get().endpoint(), AwsCredentialsProviderChain.of(
        EnvironmentVariableCredentialsProvider.create(), SystemPropertyCredentialsProvider.create()));

    assertThatThrownBy(() -> new SsmSecretProvider(ssm, Duration.ofMinutes(5)).secret(PARAM))
        .isInstanceOf(SecretUnavailableException.class)
        .hasMessage("Secret parameter " + PARAM + " is unavailable: SSM could not be reached: no AWS credentials were "
            + "found (environment variables, ~/.aws profile, SSO or the function's IAM role)");
  }

  @Test
  void anEndpointThatRefusesSaysSo() throws IOException {
    SignedAwsClient ssm = client(URI.create("http://127.0.0.1:" + closedPort()), MotoServer.CREDENTIALS);

    assertThatThrownBy(() -> new SsmSecretProvider(ssm, Duration.ofMinutes(5)).secret(PARAM))
        .hasMessage("Secret parameter " + PARAM + " is unavailable: SSM could not be reached: the endpoint refused "
            + "the connection");
  }

  private static SignedAwsClient client(URI endpoint, software.amazon.awssdk.auth.credentials.AwsCredentialsProvider credentials) {
    return SignedAwsClient.of(SignedAwsClient.Service.SSM, UrlConnectionHttpClient.create(), credentials,
        MotoServer.REGION, endpoint);
  }

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
