package com.incident.common.redact;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RedactorTest {
  private final Redactor redactor = Redactor.DEFAULT;

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "aws access key     | using key AKIAIOSFODNN7EXAMPLE for s3                   | AKIAIOSFODNN7EXAMPLE",
      "aws secret key     | aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY | wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      "bare aws secret    | creds wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY here     | wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      "bearer header      | Authorization: Bearer abcdef0123456789abcdef            | abcdef0123456789abcdef",
      "jwt                | token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJlX3Zh | eyJzdWIiOiIxMjMifQ",
      "github pat         | push with ghp_ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789      | ghp_ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
      "github fine pat    | github_pat_11ABCDEFG0123456789_abcdefghijklmnop          | github_pat_11ABCDEFG0123456789_abcdefghijklmnop",
      "slack token        | hook xoxb-123456789012-abcdefghijkl                     | xoxb-123456789012-abcdefghijkl",
      "password kv        | db connect failed password=hunter2!                     | hunter2!",
      "json secret        | {\"client_secret\": \"s3cr3tValue\"}                     | s3cr3tValue",
      "api key header     | DD-API-KEY: 0123456789abcdef0123456789abcdef            | 0123456789abcdef0123456789abcdef",
      "url credentials    | jdbc:postgresql://app:Sup3rS3cret@db:5432/orders      | Sup3rS3cret",
      "email              | user jane.doe@example.com not found                    | jane.doe@example.com",
      "card number        | charge 4111 1111 1111 1111 declined                    | 4111 1111 1111 1111",
  })
  void redacts(String kind, String text, String secret) {
    String out = redactor.redact(text);
    assertThat(out).as(kind).doesNotContain(secret).contains("[REDACTED");
  }

  /** Digit runs inside UUIDs pass the card check often enough (about 1 in 10,000) to break incident ids and trace ids. */
  @ParameterizedTest
  @ValueSource(strings = {
      "58090583-5168-4aae-85dd-b6ea5e73e5b5", "69481b75-0489-4639-b504-6802641819af",
      "960a06a6-56b6-4591-9964-4535729d009a", "8a409427-3586-411e-a99d-ace018d6cbd1",
      "c3a8ccab-39c4-4995-8024-8730efd60f39", "b8fb3573-1294-4699-93b1-0d37a01c2c86"})
  void uuidsAreNotCardNumbers(String uuid) {
    String text = "<!-- incident-dedup-key: " + uuid + " --> trace_id=" + uuid;
    assertThat(redactor.redact(text)).isEqualTo(text);
  }

  @Test
  void redactsPrivateKeyBlocks() {
    String text = "key:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\nabc\n-----END RSA PRIVATE KEY-----\nafter";
    assertThat(redactor.redact(text)).doesNotContain("MIIEowIBAAKCAQEA").contains("after");
  }

  @Test
  void leavesOrdinaryOperationalTextAlone() {
    String text = "GET /api/catalog 503 in 1234 ms pod=catalog-7d9f8b6c5-x2x9k trace=4bf92f3577b34da6a3ce929d0e0e4736 "
        + "order 1234567890 sha 3f786850e387550fdab836ed7e6dc881de23001b";
    assertThat(redactor.redact(text)).isEqualTo(text);
    assertThat(redactor.containsSecret(text)).isFalse();
  }

  @Test
  void keepsTheKeyNameSoTheLineStaysReadable() {
    assertThat(redactor.redact("password=hunter2")).isEqualTo("password=[REDACTED:secret]");
    assertThat(redactor.redact("Authorization: Bearer abcdef0123456789")).isEqualTo("Authorization: Bearer [REDACTED:bearer]");
  }

  @Test
  void inputBeyondTheCapIsCutBeforeMatchingAndSaysSo() {
    String text = "password=hunter2 " + "x".repeat(Redactor.MAX_INPUT_CHARS) + " token=abc12345";

    String out = redactor.redact(text);

    assertThat(out).startsWith("password=[REDACTED:secret] ").doesNotContain("abc12345")
        .endsWith(" …[32 chars dropped unscanned]");
  }

  @Test
  void overlappingRulesRedactOnceWithTheHigherPriorityKind() {
    assertThat(redactor.redact("password=900101-1234567")).isEqualTo("password=[REDACTED:secret]");
    assertThat(redactor.redact("jdbc:mysql://app:s3cret@db.example.com/x"))
        .isEqualTo("jdbc:mysql://app:[REDACTED:url-credentials]@db.example.com/x");
  }

  @Test
  void keepsKoreanText() {
    assertThat(redactor.redact("결제 서비스 오류 발생 token=abc12345")).startsWith("결제 서비스 오류 발생 token=[REDACTED");
  }
}
