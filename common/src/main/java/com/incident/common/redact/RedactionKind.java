package com.incident.common.redact;

/**
 * What a redacted value was. {@link #id()} names it in logs and in the stateless {@code [REDACTED:id]} marker;
 * {@link #label()} names it for Korean readers in per-incident placeholders ({@code <주민번호#1>}) and the audit.
 */
public enum RedactionKind {
  PRIVATE_KEY("private-key", "개인키"),
  JWT("jwt", "JWT"),
  BEARER("bearer", "인증토큰"),
  GITHUB_TOKEN("github-token", "GitHub토큰"),
  SLACK_TOKEN("slack-token", "Slack토큰"),
  AWS_ACCESS_KEY("aws-access-key", "AWS액세스키"),
  URL_CREDENTIALS("url-credentials", "접속비밀번호"),
  SECRET("secret", "비밀값"),
  RESIDENT_NUMBER("rrn", "주민번호"),
  FOREIGN_RESIDENT_NUMBER("foreign-rrn", "외국인등록번호"),
  PHONE("phone", "전화번호"),
  PASSPORT("passport", "여권번호"),
  BANK_ACCOUNT("bank-account", "계좌번호"),
  EMAIL("email", "이메일"),
  CARD("card", "카드번호"),
  AWS_SECRET_KEY("aws-secret-key", "AWS시크릿키");

  private final String id;
  private final String label;

  RedactionKind(String id, String label) {
    this.id = id;
    this.label = label;
  }

  public String id() {
    return id;
  }

  public String label() {
    return label;
  }
}
