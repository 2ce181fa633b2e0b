package com.incident.trigger.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.incident.AlarmDetails;
import com.incident.common.incident.AlarmKind;
import com.incident.common.incident.InputLimits;
import com.incident.common.incident.MetricRef;
import com.incident.common.json.Json;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** CloudWatch alarm notification (the SNS Message text) to {@link AlarmDetails}, for all four alarm shapes. */
public final class AlarmParser {
  public static final Set<String> STATES = Set.of("ALARM", "OK", "INSUFFICIENT_DATA");

  // CloudWatch writes "2026-11-21T03:14:05.123+0000"; ISO offsets are accepted too.
  private static final DateTimeFormatter CLOUDWATCH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS]Z");
  // "... datapoints [85.3 (21/11/26 03:14:00), 80.1 (...)] was greater ..." : the first is the most recent.
  private static final Pattern DATAPOINT = Pattern.compile("\\[\\s*(-?[0-9]+(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)\\s*\\(");
  private static final Pattern ARN = Pattern.compile("^arn:aws[a-z-]*:cloudwatch:([a-z0-9-]+):([0-9]{12}):alarm:.+$");

  private AlarmParser() {}

  /** A recorded notification, without the check that its time is plausible now (scenario replays). */
  public static AlarmDetails parse(String message, String snsTimestamp) throws RejectedException {
    return parse(message, snsTimestamp, null);
  }

  /**
   * A live notification: besides its shape, the values that become keys, prompts and issue text are checked
   * against {@link InputLimits}, and its time must be plausible at {@code now}.
   */
  public static AlarmDetails parse(String message, String snsTimestamp, Instant now) throws RejectedException {
    JsonNode m;
    try {
      m = Json.tree(message);
    } catch (Exception e) {
      throw new RejectedException("SNS Message is not JSON; not a CloudWatch alarm notification");
    }
    if (m == null || !m.isObject()) {
      throw new RejectedException("SNS Message is not a JSON object; not a CloudWatch alarm notification");
    }
    if (m.path("AlarmName").isMissingNode() && m.path("NewStateValue").isMissingNode()) {
      throw new RejectedException("SNS Message has no AlarmName/NewStateValue; not a CloudWatch alarm notification");
    }
    String name = alarmName(m.path("AlarmName"));
    String newState = text(m, "NewStateValue");
    if (newState == null) {
      throw new RejectedException("alarm notification is missing NewStateValue");
    }
    if (!STATES.contains(newState)) {
      throw new RejectedException("NewStateValue " + InputLimits.quote(newState)
          + " is not ALARM, OK or INSUFFICIENT_DATA");
    }
    String oldState = text(m, "OldStateValue");
    String arn = text(m, "AlarmArn");
    Matcher arnParts = arn == null ? null : ARN.matcher(arn);
    boolean arnOk = arnParts != null && arnParts.matches();
    String account = text(m, "AWSAccountId");
    if (account == null && arnOk) {
      account = arnParts.group(2);
    }
    // SNS carries the region's display name ("US East (N. Virginia)"); the ARN has the code tools need.
    String region = arnOk ? arnParts.group(1) : text(m, "Region");
    String reason = freeText(m, "NewStateReason");
    String description = freeText(m, "AlarmDescription");
    String timeField = "StateChangeTime";
    Instant changedAt = time(text(m, timeField), timeField);
    if (changedAt == null) {
      timeField = "SNS Timestamp";
      changedAt = time(snsTimestamp, timeField);
    }
    if (changedAt == null) {
      throw new RejectedException("alarm notification has neither StateChangeTime nor an SNS Timestamp");
    }
    if (now != null) {
      reject(InputLimits.timeProblem(timeField, changedAt, now));
    }

    JsonNode trigger = m.path("Trigger");
    String alarmRule = text(m, "AlarmRule");
    if (!trigger.isObject()) {
      if (alarmRule == null) {
        throw new RejectedException("alarm notification has neither Trigger nor AlarmRule");
      }
      reject(InputLimits.sizeProblem("AlarmRule", alarmRule, InputLimits.ALARM_RULE_MAX_CHARS));
      return new AlarmDetails(name, arn, description, account, region, AlarmKind.COMPOSITE,
          newState, oldState, reason, changedAt, null, null, Map.of(), null, null, null, null, null, null,
          observed(reason), List.of(), alarmRule);
    }

    List<MetricRef> metrics = metrics(trigger.path("Metrics"));
    AlarmKind kind;
    String namespace;
    String metricName;
    Map<String, String> dimensions;
    String statistic;
    Integer period;
    if (metrics.isEmpty()) {
      kind = AlarmKind.METRIC;
      namespace = text(trigger, "Namespace");
      metricName = text(trigger, "MetricName");
      dimensions = dimensions(trigger.path("Dimensions"));
      statistic = statistic(trigger);
      period = integer(trigger, "Period");
      if (metricName == null) {
        throw new RejectedException("metric alarm Trigger is missing MetricName");
      }
    } else {
      boolean anomaly = text(trigger, "ThresholdMetricId") != null || metrics.stream()
          .anyMatch(r -> r.expression() != null && r.expression().toUpperCase().contains("ANOMALY_DETECTION_BAND"));
      kind = anomaly ? AlarmKind.ANOMALY_DETECTION : AlarmKind.METRIC_MATH;
      MetricRef primary = primary(metrics);
      namespace = primary == null ? null : primary.namespace();
      metricName = primary == null ? null : primary.metricName();
      dimensions = primary == null ? Map.of() : primary.dimensions();
      statistic = primary == null ? null : primary.stat();
      period = primary == null ? integer(trigger, "Period") : primary.periodSeconds();
    }
    return new AlarmDetails(name, arn, description, account, region, kind, newState, oldState,
        reason, changedAt, namespace, metricName, dimensions, statistic, period,
        integer(trigger, "EvaluationPeriods"), integer(trigger, "DatapointsToAlarm"), number(trigger, "Threshold"),
        text(trigger, "ComparisonOperator"), observed(reason), metrics, alarmRule);
  }

  /**
   * The alarm's name as CloudWatch allows it; everything else would become a key or a title that no alarm has.
   * Not trimmed: the name is the alarm's identity.
   */
  private static String alarmName(JsonNode node) throws RejectedException {
    if (node.isMissingNode() || node.isNull()) {
      throw new RejectedException("alarm notification is missing AlarmName");
    }
    if (!node.isTextual()) {
      throw new RejectedException("AlarmName must be a string, got a " + node.getNodeType().name().toLowerCase());
    }
    reject(InputLimits.alarmNameProblem("AlarmName", node.asText()));
    return node.asText();
  }

  private static void reject(Optional<String> problem) throws RejectedException {
    if (problem.isPresent()) {
      throw new RejectedException(problem.get());
    }
  }

  /**
   * Free text longer than any CloudWatch alarm carries is cut, not rejected: the alarm is still real, and the
   * cut keeps the prompt, the redactor and the issue bounded.
   */
  private static String freeText(JsonNode node, String field) {
    String v = text(node, field);
    if (v == null || v.length() <= InputLimits.FREE_TEXT_MAX_CHARS) {
      return v;
    }
    String marker = " ...[cut at " + InputLimits.FREE_TEXT_MAX_CHARS + " characters]";
    int end = InputLimits.FREE_TEXT_MAX_CHARS - marker.length();
    if (Character.isHighSurrogate(v.charAt(end - 1))) {
      end--;
    }
    return v.substring(0, end) + marker;
  }

  /** The most recent datapoint quoted in NewStateReason, if any. */
  static Double observed(String reason) {
    if (reason == null) {
      return null;
    }
    Matcher d = DATAPOINT.matcher(reason);
    return d.find() ? Double.valueOf(d.group(1)) : null;
  }

  private static MetricRef primary(List<MetricRef> metrics) {
    MetricRef firstStat = null;
    for (MetricRef r : metrics) {
      if (r.metricName() != null) {
        if (Boolean.TRUE.equals(r.returnData())) {
          return r;
        }
        if (firstStat == null) {
          firstStat = r;
        }
      }
    }
    return firstStat;
  }

  private static List<MetricRef> metrics(JsonNode array) {
    List<MetricRef> refs = new ArrayList<>();
    if (!array.isArray()) {
      return refs;
    }
    for (JsonNode q : array) {
      JsonNode stat = q.path("MetricStat");
      JsonNode metric = stat.path("Metric");
      Integer period = integer(stat, "Period");
      refs.add(new MetricRef(
          text(q, "Id"), text(q, "Expression"), text(metric, "Namespace"), text(metric, "MetricName"),
          dimensions(metric.path("Dimensions")), text(stat, "Stat"), period != null ? period : integer(q, "Period"),
          q.path("ReturnData").isBoolean() ? q.path("ReturnData").asBoolean() : null, text(q, "Label")));
    }
    return refs;
  }

  private static Map<String, String> dimensions(JsonNode dims) {
    Map<String, String> out = new LinkedHashMap<>();
    if (dims.isArray()) {
      for (JsonNode d : dims) {
        // Alarm notifications use lower-case name/value; the CloudWatch API uses Name/Value.
        String n = text(d, "name") != null ? text(d, "name") : text(d, "Name");
        String v = text(d, "value") != null ? text(d, "value") : text(d, "Value");
        if (n != null && v != null) {
          out.put(n, v);
        }
      }
    }
    return out;
  }

  // Notifications spell statistics "AVERAGE", "SAMPLE_COUNT"; the CloudWatch API (and the tools) use "Average".
  private static String statistic(JsonNode trigger) {
    String s = text(trigger, "Statistic");
    if (s == null) {
      return text(trigger, "ExtendedStatistic");
    }
    return switch (s.toUpperCase()) {
      case "AVERAGE" -> "Average";
      case "MAXIMUM" -> "Maximum";
      case "MINIMUM" -> "Minimum";
      case "SUM" -> "Sum";
      case "SAMPLE_COUNT", "SAMPLECOUNT" -> "SampleCount";
      default -> s;
    };
  }

  private static Instant time(String value, String field) throws RejectedException {
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value, CLOUDWATCH_TIME).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(value).toInstant();
      } catch (DateTimeParseException e2) {
        throw new RejectedException(field + " " + InputLimits.quote(value) + " is not a timestamp");
      }
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.path(field);
    return v.isValueNode() && !v.isNull() && !v.asText().isBlank() ? v.asText().trim() : null;
  }

  private static Integer integer(JsonNode node, String field) {
    JsonNode v = node.path(field);
    if (v.isNumber()) {
      return v.asInt();
    }
    if (v.isTextual()) {
      try {
        return Integer.valueOf(v.asText().trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static Double number(JsonNode node, String field) {
    JsonNode v = node.path(field);
    if (v.isNumber()) {
      return v.asDouble();
    }
    if (v.isTextual()) {
      try {
        return Double.valueOf(v.asText().trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }
}
