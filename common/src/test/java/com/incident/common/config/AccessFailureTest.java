package com.incident.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class AccessFailureTest {
  @Test
  void theCredentialChainDumpBecomesOneSentence() {
    RuntimeException sdk = new RuntimeException("Unable to load credentials from any of the providers in the chain "
        + "AwsCredentialsProviderChain(credentialsProviders=[SystemPropertyCredentialsProvider(), ...]) : [...]");

    assertThat(AccessFailure.describe(new IllegalStateException("wrapped", sdk))).contains(
        "no AWS credentials were found (environment variables, ~/.aws profile, SSO or the function's IAM role)");
  }

  @Test
  void endpointsThatRefuseOrDoNotResolveAreNamedFromTheCause() {
    assertThat(AccessFailure.describe(new UncheckedIOException(new ConnectException("Connection refused"))))
        .contains("the endpoint refused the connection");
    assertThat(AccessFailure.describe(new RuntimeException(new UnknownHostException("opensearch.invalid"))))
        .contains("the endpoint's host name opensearch.invalid does not resolve");
    assertThat(AccessFailure.describe(new RuntimeException("Unable to load region from any of the providers")))
        .contains("no AWS region is configured (AWS_REGION)");
  }

  @Test
  void otherFailuresAreNotGuessedAt() {
    assertThat(AccessFailure.describe(new IllegalArgumentException("bad query"))).isEmpty();
  }
}
