package com.incident.common.redact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.json.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactionsTest {
  private final Redactions session = Redactions.open();

  @Test
  void sameValueGetsTheSameNumberAcrossTextsOfOneIncident() {
    String first = session.redact("결제 실패 user=900101-1234567 phone=010-1234-5678");
    String second = session.redact("재시도 실패 user=900101-1234567, 다른 고객 880202-2345678");
    String third = session.redact("문의 고객 9001011234567 연락처 01012345678");

    assertThat(first).isEqualTo("결제 실패 user=<주민번호#1> phone=<전화번호#1>");
    assertThat(second).isEqualTo("재시도 실패 user=<주민번호#1>, 다른 고객 <주민번호#2>");
    // the same person written without hyphens is the same number
    assertThat(third).isEqualTo("문의 고객 <주민번호#1> 연락처 <전화번호#1>");
  }

  @Test
  void internationalAndNationalPhoneFormsAreOneNumber() {
    assertThat(session.redact("a 010-9876-5432 b +82 10 9876 5432 c 010.9876.5432 d 0082-10-9876-5432"))
        .isEqualTo("a <전화번호#1> b <전화번호#1> c <전화번호#1> d <전화번호#1>");
  }

  @Test
  void sessionsDoNotShareNumbers() {
    Redactions other = Redactions.open();
    session.redact("010-1111-2222");
    assertThat(session.redact("010-3333-4444")).isEqualTo("<전화번호#2>");
    assertThat(other.redact("010-3333-4444")).isEqualTo("<전화번호#1>");
  }

  @Test
  void auditCountsValuesAndOccurrencesByKindNeverTheValues() {
    session.redact("900101-1234567 900101-1234567 880202-2345678");
    session.redact("call 010-1234-5678, mail jane@example.com, password=hunter2");
    session.redact("again 900101-1234567");

    Redactions.Audit audit = session.audit();

    assertThat(audit.values()).isEqualTo(Map.of(RedactionKind.RESIDENT_NUMBER, 2, RedactionKind.PHONE, 1,
        RedactionKind.EMAIL, 1, RedactionKind.SECRET, 1));
    assertThat(audit.occurrences()).containsEntry(RedactionKind.RESIDENT_NUMBER, 4).containsEntry(RedactionKind.PHONE, 1);
    assertThat(audit.korean()).isEqualTo("🔒 마스킹: 비밀값 1건, 주민번호 2건(4회), 전화번호 1건, 이메일 1건");
    assertThat(audit.toString() + audit.korean()).doesNotContain("900101", "1234-5678", "jane", "hunter2");
  }

  @Test
  void anEmptyAuditSaysNothingWasMasked() {
    session.redact("pod catalog-7d9f8b6c5-x2x9k restarted 3 times");
    assertThat(session.audit().isEmpty()).isTrue();
    assertThat(session.audit().korean()).isEqualTo("🔒 마스킹: 없음");
  }

  @Test
  void redactingTwiceChangesNothingAndCountsNothingMore() {
    String once = session.redact("고객 900101-1234567 비밀번호=abc123");
    assertThat(session.redact(once)).isEqualTo(once);
    assertThat(session.audit().occurrences()).containsEntry(RedactionKind.RESIDENT_NUMBER, 1)
        .containsEntry(RedactionKind.SECRET, 1);
  }

  @Test
  void structuredContentKeepsItsShapeAndLosesItsValues() throws Exception {
    JsonNode in = Json.tree("""
        {"pods":[{"name":"ui-1","log":"user 900101-1234567 failed","restarts":3}],
         "db":{"password":"hunter2","비밀번호":"1234","max_tokens":2048,"enabled":true,"host":"db.internal"},
         "contact":"010-1234-5678"}""");

    JsonNode out = session.redact(in);

    assertThat(out.at("/pods/0/log").asText()).isEqualTo("user <주민번호#1> failed");
    assertThat(out.at("/pods/0/restarts").asInt()).isEqualTo(3);
    assertThat(out.at("/db/password").asText()).isEqualTo("<비밀값#1>");
    assertThat(out.at("/db/비밀번호").asText()).isEqualTo("<비밀값#2>");
    assertThat(out.at("/db/max_tokens").asInt()).as("numbers keep their type").isEqualTo(2048);
    assertThat(out.at("/db/enabled").asBoolean()).isTrue();
    assertThat(out.at("/db/host").asText()).isEqualTo("db.internal");
    assertThat(out.at("/contact").asText()).isEqualTo("<전화번호#1>");
    assertThat(in.at("/db/password").asText()).as("input untouched").isEqualTo("hunter2");
  }
}
