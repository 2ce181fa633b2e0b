package com.incident.common.incident;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.incident.common.json.Json;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Machine-readable markers inside human-readable GitHub issues: the hidden dedup key, and the collapsed
 * JSON block with the structured analysis that similar-incident search reads back.
 */
public final class IssueMarkers {
  private static final Pattern DEDUP = Pattern.compile("<!--\\s*incident-dedup-key:\\s*([^\\s]+)\\s*-->");
  private static final String ANALYSIS_START = "<!-- incident-analysis-json -->";
  private static final Pattern ANALYSIS = Pattern.compile(
      Pattern.quote(ANALYSIS_START) + "[\\s\\S]*?```json\\s*\\n([\\s\\S]*?)\\n```", Pattern.MULTILINE);

  public static String dedupMarker(String key) {
    return "<!-- incident-dedup-key: " + key.replaceAll("\\s+", "-") + " -->";
  }

  public static Optional<String> dedupKey(String body) {
    if (body == null) {
      return Optional.empty();
    }
    Matcher m = DEDUP.matcher(body);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** A collapsed {@code <details>} block GitHub renders closed, holding the result as pretty JSON. */
  public static String analysisBlock(AnalysisResult result) {
    return ANALYSIS_START + "\n<details>\n<summary>구조화된 분석 결과 (JSON)</summary>\n\n```json\n"
        + Json.pretty(result) + "\n```\n\n</details>\n";
  }

  public static Optional<AnalysisResult> analysis(String body) {
    if (body == null) {
      return Optional.empty();
    }
    Matcher m = ANALYSIS.matcher(body);
    if (!m.find()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.read(m.group(1), AnalysisResult.class));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  private IssueMarkers() {}
}
