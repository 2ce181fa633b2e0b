package com.incident.common.redact;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KoreanPersonalDataTest {
  private final Redactor redactor = Redactor.DEFAULT;

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "rrn                 | 고객 주민번호 900101-1234567 조회 실패              | 900101-1234567",
      "rrn                 | ssn=0402283123456 invalid                          | 0402283123456",
      "rrn                 | 주민등록번호:1501014123456                           | 1501014123456",
      "rrn                 | resident 881231-2234567,                          | 881231-2234567",
      "foreign-rrn         | 외국인등록번호 850315-5123456 만료                   | 850315-5123456",
      "foreign-rrn         | 020229-8123456                                    | 020229-8123456",
      "phone               | 연락처 010-1234-5678 로 발송                        | 010-1234-5678",
      "phone               | tel 010.9876.5432                                 | 010.9876.5432",
      "phone               | sms to 01012345678 failed                         | 01012345678",
      "phone               | 016-123-4567                                      | 016-123-4567",
      "phone               | 본사 02-312-4567                                   | 02-312-4567",
      "phone               | 지점 (031) 123-4567                                | 123-4567",
      "phone               | callback +82 10-1234-5678 queued                  | +82 10-1234-5678",
      "phone               | callback +821012345678 queued                     | +821012345678",
      "phone               | intl +82 2 3456 7890                              | +82 2 3456 7890",
      "passport            | passport M12345678 scanned                        | M12345678",
      "passport            | 여권번호: M123A4567                                 | M123A4567",
      "passport            | S98765432                                         | S98765432",
      "bank-account        | 국민은행 123456-01-123456 입금 확인                  | 123456-01-123456",
      "bank-account        | 계좌번호: 110-123-456789                            | 110-123-456789",
      "bank-account        | 카카오뱅크 3333-01-1234567                           | 3333-01-1234567",
      "bank-account        | 이체 실패 (계좌 1002345678901)                       | 1002345678901",
      "bank-account        | bank account 302-1234-5678-91                     | 302-1234-5678-91",
      "secret              | DB 비밀번호=hunter2! 접속 실패                        | hunter2!",
      "secret              | 암호: s3cr3t                                       | s3cr3t",
      "secret              | 관리자 비번=1q2w3e4r                                  | 1q2w3e4r",
      "secret              | 패스워드 : qwerty123                                 | qwerty123",
      "secret              | 토큰=ab12cd34ef                                     | ab12cd34ef",
      "secret              | 인증키: K3Y-VALUE-99                                 | K3Y-VALUE-99",
  })
  void redacts(String kind, String text, String value) {
    assertThat(redactor.redact(text)).doesNotContain(value).contains("[REDACTED:" + kind + "]");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "iso timestamp        | 2026-11-29T10:15:30.123Z request done",
      "compact timestamp    | batch 20261129101530 started",
      "epoch millis         | ts=1732851234567 latency=120",
      "epoch millis near rrn-shaped | at 1701234567890 ok",
      "epoch seconds        | since 1732851234",
      "order id             | order ORD-20261129-000123 failed",
      "numeric order id     | orderId 1234567890 not found",
      "uuid                 | request 550e8400-e29b-41d4-a716-446655440000",
      "uuid with digits     | id 01012345-6789-4abc-9def-012345678901",
      "ipv4                 | upstream 10.12.34.56:8080 refused",
      "ipv4 with zeros      | 010.012.034.056",
      "k8s resource version | resourceVersion: 48213377",
      "k8s resource version | \"resourceVersion\":\"1732851234567\"",
      "invalid month        | 901301-1234567",
      "invalid gender digit | 900101-9234567",
      "date-like passport   | build R20241129 deployed",
      "account without bank word | ref 110-123-456789",
      "timestamp near bank word  | bank sync 20261129101530",
      "aws account id       | \"accountId\" : \"123456789012\"",
      "aws account id in arn | arn:aws:cloudwatch:us-west-2:123456789012:alarm:cpu",
      "date near bank word  | 입금 2026-11-29-1230",
      "encryption is not a secret | 암호화=AES256",
      "token counts in prose | 입력 토큰 1200개",
      "area code without separator | code 0212345678",
      "version string       | v1.010.1234.5678",
      "hex                  | sha 3f786850e387550fdab836ed7e6dc881de23001b",
  })
  void leavesOperationalValuesAlone(String what, String text) {
    assertThat(redactor.redact(text)).as(what).isEqualTo(text);
  }
}
