package com.incident.common.tool.result;

import com.incident.common.tool.Nullable;
import java.time.Instant;
import java.util.List;

/**
 * The structured result of github-find-similar-incidents: closed incident issues scored against the current incident.
 *
 * @param scanned how many closed incident issues were scored
 * @param matches best first; empty when none shares anything with the incident
 */
public record SimilarIncidentsResult(int scanned, List<Match> matches) {

  /**
   * @param title redacted
   * @param score out of 100, the sum of the breakdown
   * @param rootCause the recorded root-cause category and top cause, absent when the issue has no analysis block
   * @param fix the recorded immediate actions and remediation, absent when none was recorded
   */
  public record Match(int number, String title, String url, @Nullable Instant closedAt, int score, Breakdown breakdown,
      @Nullable String rootCause, @Nullable String fix) {}

  /** Points per criterion: service 40, symptoms 30, root cause 20, tech stack 10. */
  public record Breakdown(int service, int symptoms, int rootCause, int techStack) {}
}
