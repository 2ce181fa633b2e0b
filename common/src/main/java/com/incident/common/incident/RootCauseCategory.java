package com.incident.common.incident;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The one vocabulary of root-cause categories, shared by the model's structured result, the rule-based
 * analyzer, similar-incident search and scenario expectations. Documented in docs/root-cause-categories.md.
 */
public enum RootCauseCategory {
  CPU_STRESS_WORKLOAD("cpu-stress-workload", "CPU 스트레스 워크로드"),
  BAD_IMAGE_ROLLOUT("bad-image-rollout", "잘못된 이미지 배포"),
  SCALED_TO_ZERO("scaled-to-zero", "레플리카 0으로 축소"),
  MEMORY_LEAK_OOM("memory-leak-oom", "메모리 누수 / OOM"),
  NODE_SATURATION("node-saturation", "노드 자원 포화"),
  APP_ERROR_AFTER_DEPLOY("app-error-after-deploy", "배포 후 애플리케이션 오류"),
  DEPENDENCY_FAILURE("dependency-failure", "의존 서비스 장애"),
  CONFIG_ERROR("config-error", "설정 오류"),
  TRAFFIC_SURGE("traffic-surge", "트래픽 급증"),
  UNKNOWN("unknown", "원인 불명");

  private final String id;
  private final String koreanLabel;

  RootCauseCategory(String id, String koreanLabel) {
    this.id = id;
    this.koreanLabel = koreanLabel;
  }

  @JsonValue
  public String id() {
    return id;
  }

  public String koreanLabel() {
    return koreanLabel;
  }

  /** Lenient: an unknown id maps to {@link #UNKNOWN} so a model's typo cannot break an analysis. */
  @JsonCreator
  public static RootCauseCategory fromId(String id) {
    for (RootCauseCategory c : values()) {
      if (c.id.equalsIgnoreCase(id)) {
        return c;
      }
    }
    return UNKNOWN;
  }
}
