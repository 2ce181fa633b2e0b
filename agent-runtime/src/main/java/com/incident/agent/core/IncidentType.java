package com.incident.agent.core;

/** The four incident types of seed 001; the id goes into the structured result, the label into the issue. */
public enum IncidentType {
  SERVICE_DOWN("service-down", "서비스 중단"),
  PERFORMANCE_DEGRADATION("performance-degradation", "성능 저하"),
  ERROR_SURGE("error-surge", "에러 급증"),
  RESOURCE_SATURATION("resource-saturation", "자원 포화");

  private final String id;
  private final String label;

  IncidentType(String id, String label) {
    this.id = id;
    this.label = label;
  }

  public String id() {
    return id;
  }

  public String label() {
    return label;
  }

  public static String labelOf(String id) {
    for (IncidentType t : values()) {
      if (t.id.equalsIgnoreCase(id)) {
        return t.label;
      }
    }
    return id;
  }
}
