package com.incident.common.incident;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The one remediation switch (template parameter {@code RemediationMode}, env {@code REMEDIATION_MODE}), read by
 * agent-runtime and by tools-chaos; the tool enforces it whatever its caller asks.
 */
public enum RemediationMode {
  /** Known chaos faults of the incident are removed. */
  AUTO("auto", "자동 복구(auto)"),
  /** Everything is planned and reported; nothing in the cluster changes. */
  DRY_RUN("dry-run", "점검만 하는 모드(dry-run): 클러스터는 변경하지 않음"),
  /**
   * The plan is computed as a dry-run and posted on the issue; only an approval by a person with write access
   * (a {@code /approve} comment, see {@link IssueCommand}) runs exactly that plan.
   */
  APPROVAL("approval", "승인 후 복구(approval)"),
  /** No remediation: the agent does not call chaos-cleanup and the tool refuses every action. */
  OFF("off", "자동 복구 꺼짐(off)");

  public static final String ENV = "REMEDIATION_MODE";

  private final String id;
  private final String korean;

  RemediationMode(String id, String korean) {
    this.id = id;
    this.korean = korean;
  }

  @JsonValue
  public String id() {
    return id;
  }

  /** How the mode is named in an issue comment. */
  public String korean() {
    return korean;
  }

  /** Parses {@code auto}, {@code dry-run}, {@code approval} or {@code off} (case and surrounding space ignored); null or blank is auto. */
  public static RemediationMode parse(String value) {
    if (value == null || value.isBlank()) {
      return AUTO;
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    for (RemediationMode m : values()) {
      if (m.id.equals(v)) {
        return m;
      }
    }
    throw new IllegalStateException(ENV + " must be auto, dry-run, approval or off, got '" + abbreviate(value) + "'");
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
