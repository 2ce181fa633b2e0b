package com.incident.common.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule reads each character of 1 MB of input crafted against it a bounded number of times. The earlier
 * redactor read about n²/2 characters on such input (16 KB took 6 s); this counts reads, so it cannot flake.
 */
class RedactorStepBoundTest {
  private static final int ONE_MB = 1 << 20;
  /** Reads per input character, for one rule; measured worst is well below (see docs/benchmarks.md). */
  private static final int READS_PER_CHAR = 200;

  static Stream<Arguments> adversarial() {
    return Stream.of(
        Arguments.of(RedactionKind.PRIVATE_KEY, "-----BEGIN RSA PRIVATE KEY-----\n-----END AAAA "),
        Arguments.of(RedactionKind.JWT, "eyJabcde.eyJ-"),
        Arguments.of(RedactionKind.BEARER, "bearer bearer1 Basic "),
        Arguments.of(RedactionKind.GITHUB_TOKEN, "ghp_ABCDEFGHIJKLMNOPQRSTUVWXYZ_github_pat_"),
        Arguments.of(RedactionKind.SLACK_TOKEN, "xoxb-xoxb-"),
        Arguments.of(RedactionKind.AWS_ACCESS_KEY, "AKIAAKIAASIA"),
        Arguments.of(RedactionKind.URL_CREDENTIALS, "a://b:c"),
        Arguments.of(RedactionKind.SECRET, "password_token"),
        Arguments.of(RedactionKind.SECRET, "비밀번호토큰암호"),
        Arguments.of(RedactionKind.RESIDENT_NUMBER, "9001011234567"),
        Arguments.of(RedactionKind.FOREIGN_RESIDENT_NUMBER, "900101-5 "),
        Arguments.of(RedactionKind.PHONE, "010 010-1234 "),
        Arguments.of(RedactionKind.PASSPORT, "M1234M123A"),
        Arguments.of(RedactionKind.BANK_ACCOUNT, "계좌 123-45-"),
        Arguments.of(RedactionKind.EMAIL, "a.b%c+d-e"),
        Arguments.of(RedactionKind.EMAIL, "a@b.c@"),
        Arguments.of(RedactionKind.CARD, "4 1 1 1 "),
        Arguments.of(RedactionKind.AWS_SECRET_KEY, "wJalrXUtnFEMI/K7MDENG+"),
        // the reported inputs: a hex dump and a long run of word characters
        Arguments.of(null, "3f786850e387550fdab836ed7e6dc881de23001b"),
        Arguments.of(null, "a"),
        Arguments.of(null, "a."));
  }

  @ParameterizedTest(name = "{0}: \"{1}\" repeated to 1 MB")
  @MethodSource("adversarial")
  void readsEachCharacterABoundedNumberOfTimes(RedactionKind kind, String unit) {
    String input = unit.repeat(ONE_MB / unit.length() + 1).substring(0, ONE_MB);
    Redactor redactor = kind == null ? Redactor.DEFAULT : Redactor.of(kind);
    CountingCharSequence text = new CountingCharSequence(input);

    redactor.find(text);

    long bound = (long) READS_PER_CHAR * redactor.kinds().size() * input.length();
    assertThat(text.reads()).as("character reads for %s over %d chars", kind, input.length()).isLessThanOrEqualTo(bound);
  }
}
