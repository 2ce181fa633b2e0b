package com.incident.tools.github.core;

import com.incident.common.tool.LabelNames;
import com.incident.common.tool.ToolException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Label rules applied before GitHub sees a request: at most 20 labels, GitHub's 50-character name limit,
 * and the colour and Korean description a missing label is created with.
 */
public final class LabelPolicy {
  public static final int MAX_LABELS = 20;
  public static final int MAX_NAME_LENGTH = 50;
  public static final String INCIDENT = LabelNames.INCIDENT;
  public static final String AUTO_ANALYSIS = LabelNames.AUTO_ANALYSIS;
  public static final String ALARM_PREFIX = "alarm:";

  /** Colour (hex without '#') and description for a label created on first use. */
  public record Style(String color, String description) {}

  private LabelPolicy() {}

  /**
   * Trims and de-duplicates (case-insensitively, as GitHub does) and shortens over-long {@code alarm:} labels
   * to a stable name ending in a hash, so the same alarm always maps to the same label.
   */
  public static List<String> normalize(List<String> labels) {
    Set<String> seen = new LinkedHashSet<>();
    Set<String> out = new LinkedHashSet<>();
    for (String raw : labels) {
      String label = raw.strip();
      if (label.isEmpty()) {
        continue;
      }
      if (label.contains(",")) {
        throw new ToolException("Label '" + label + "' contains a comma; pass each label as its own list item");
      }
      if (label.length() > MAX_NAME_LENGTH) {
        if (!label.startsWith(ALARM_PREFIX)) {
          throw new ToolException("Label '" + label + "' is " + label.length() + " characters; GitHub allows at most " + MAX_NAME_LENGTH);
        }
        label = shortenAlarmLabel(label);
      }
      if (seen.add(label.toLowerCase())) {
        out.add(label);
      }
    }
    if (out.size() > MAX_LABELS) {
      throw new ToolException("At most " + MAX_LABELS + " labels are allowed, got " + out.size() + "; drop the least useful ones");
    }
    return List.copyOf(out);
  }

  public static String alarmLabel(String alarmName) {
    String label = ALARM_PREFIX + alarmName.strip();
    return label.length() > MAX_NAME_LENGTH ? shortenAlarmLabel(label) : label;
  }

  public static Style style(String label) {
    String l = label.toLowerCase();
    return switch (l) {
      case INCIDENT -> new Style("d73a4a", "장애 (인시던트)");
      case AUTO_ANALYSIS -> new Style("1d76db", "AI 자동 분석으로 생성됨");
      case "severity:critical" -> new Style("b60205", "심각도: 치명적");
      case "severity:high" -> new Style("d93f0b", "심각도: 높음");
      case "severity:medium" -> new Style("fbca04", "심각도: 보통");
      case "severity:low" -> new Style("0e8a16", "심각도: 낮음");
      case LabelNames.FEEDBACK_CORRECT -> new Style("0e8a16", "피드백: 분석이 맞았습니다 (확인된 원인)");
      case LabelNames.FEEDBACK_WRONG -> new Style("e99695", "피드백: 분석이 틀렸습니다");
      default -> {
        if (l.startsWith(ALARM_PREFIX)) {
          yield new Style("5319e7", cap("CloudWatch 알람: " + label.substring(ALARM_PREFIX.length())));
        }
        if (l.startsWith(LabelNames.FEEDBACK_CATEGORY_PREFIX)) {
          yield new Style("c5def5", LabelNames.feedbackCategory(label)
              .map(c -> "피드백: 실제 원인 분류는 " + c.koreanLabel() + "입니다")
              .orElse("피드백: 실제 원인 분류"));
        }
        yield new Style("ededed", null);
      }
    };
  }

  /** GitHub rejects label descriptions over 100 characters with 422. */
  private static String cap(String description) {
    return description.length() <= 100 ? description : description.substring(0, 99) + "…";
  }

  private static String shortenAlarmLabel(String label) {
    String hash = sha256Hex(label).substring(0, 8);
    return label.substring(0, MAX_NAME_LENGTH - hash.length() - 1) + "~" + hash;
  }

  private static String sha256Hex(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
