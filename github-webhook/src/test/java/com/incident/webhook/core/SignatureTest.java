package com.incident.webhook.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SignatureTest {
  /** The test values GitHub publishes in "Validating webhook deliveries". */
  private static final String SECRET = "It's a Secret to Everybody";
  private static final byte[] PAYLOAD = "Hello, World!".getBytes(StandardCharsets.UTF_8);
  private static final String DOCUMENTED = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

  @Test
  void signsAndAcceptsGitHubsDocumentedExample() {
    assertThat(Signature.header(SECRET, PAYLOAD)).isEqualTo(DOCUMENTED);
    assertThat(Signature.problem(DOCUMENTED, PAYLOAD, SECRET)).isEmpty();
    assertThat(Signature.problem(DOCUMENTED.toUpperCase().replace("SHA256=", "sha256="), PAYLOAD, SECRET)).isEmpty();
  }

  @Test
  void refusesAnotherSecretAnotherBodyAndMalformedHeaders() {
    assertThat(Signature.problem(DOCUMENTED, PAYLOAD, "another secret")).hasValueSatisfying(r -> assertThat(r).contains("does not match"));
    assertThat(Signature.problem(DOCUMENTED, "Hello, World?".getBytes(StandardCharsets.UTF_8), SECRET)).isPresent();
    assertThat(Signature.problem(null, PAYLOAD, SECRET)).hasValueSatisfying(r -> assertThat(r).startsWith("missing"));
    assertThat(Signature.problem("sha1=" + DOCUMENTED.substring(7), PAYLOAD, SECRET)).hasValueSatisfying(r -> assertThat(r).contains("form"));
    assertThat(Signature.problem("sha256=" + "zz".repeat(32), PAYLOAD, SECRET)).hasValueSatisfying(r -> assertThat(r).contains("form"));
    assertThat(Signature.problem(DOCUMENTED.substring(0, 70), PAYLOAD, SECRET)).isPresent();
  }
}
