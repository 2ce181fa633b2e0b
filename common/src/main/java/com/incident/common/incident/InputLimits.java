package com.incident.common.incident;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Bounds on values that come from outside (an SNS notification, an HTTP body) and end up in incident-table
 * keys, prompts or issues. alarm-trigger and agent-runtime check the same fields against the same bounds, so
 * what one accepts the other does not refuse. Every check returns the reason as operator-readable text, with
 * offending values quoted only as a short prefix.
 */
public final class InputLimits {
  /**
   * CloudWatch PutMetricAlarm: AlarmName is 1 to 255 characters of UTF-8 without ASCII control characters
   * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html).
   */
  public static final int ALARM_NAME_MAX_CHARS = 255;
  /**
   * DynamoDB: a partition key value is 1 to 2048 bytes (a sort key 1 to 1024 bytes; the incident table has
   * none), measured as UTF-8 for strings
   * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Constraints.html#limits-partition-sort-keys).
   */
  public static final int PARTITION_KEY_MAX_BYTES = 2048;
  /** AlarmDescription is at most 1024 characters in CloudWatch; free text beyond this bound is not an alarm's. */
  public static final int FREE_TEXT_MAX_CHARS = 4096;
  /** CloudWatch AlarmRule (composite alarms) is at most 10240 characters. */
  public static final int ALARM_RULE_MAX_CHARS = 10240;
  /** A state change stamped further ahead than this is a broken clock or a forgery, not an alarm. */
  public static final Duration MAX_FUTURE = Duration.ofDays(1);
  /** CloudWatch keeps alarm history for two weeks; a year-old state change is a replay. */
  public static final Duration MAX_PAST = Duration.ofDays(365);
  private static final int QUOTE_CHARS = 64;

  private InputLimits() {}

  /** Why {@code name} cannot be a CloudWatch alarm name, if it cannot. */
  public static Optional<String> alarmNameProblem(String field, String name) {
    if (name == null || name.isBlank()) {
      return Optional.of(field + " is empty");
    }
    int length = name.codePointCount(0, name.length());
    if (length > ALARM_NAME_MAX_CHARS) {
      return Optional.of(field + " has " + length + " characters; CloudWatch allows at most " + ALARM_NAME_MAX_CHARS);
    }
    if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      return Optional.of(field + " " + quote(name) + " contains control characters");
    }
    return Optional.empty();
  }

  /** Why {@code at} is not a plausible time for something that happened around {@code now}, if it is not. */
  public static Optional<String> timeProblem(String field, Instant at, Instant now) {
    if (at.isAfter(now.plus(MAX_FUTURE))) {
      return Optional.of(field + " " + at + " is more than " + MAX_FUTURE.toHours() + " hours in the future");
    }
    if (at.isBefore(now.minus(MAX_PAST))) {
      return Optional.of(field + " " + at + " is more than " + MAX_PAST.toDays() + " days in the past");
    }
    return Optional.empty();
  }

  /** Why {@code prefix + value} cannot be a partition key of the incident table, if it cannot. */
  public static Optional<String> keyProblem(String field, String prefix, String value) {
    int bytes = (prefix + value).getBytes(StandardCharsets.UTF_8).length;
    if (bytes > PARTITION_KEY_MAX_BYTES) {
      return Optional.of(field + " is " + value.getBytes(StandardCharsets.UTF_8).length
          + " bytes; its table key would exceed DynamoDB's " + PARTITION_KEY_MAX_BYTES + "-byte partition key limit");
    }
    return Optional.empty();
  }

  /** Why free text in {@code field} is too long, if it is. */
  public static Optional<String> sizeProblem(String field, String value, int maxChars) {
    if (value != null && value.length() > maxChars) {
      return Optional.of(field + " has " + value.length() + " characters; at most " + maxChars + " are accepted");
    }
    return Optional.empty();
  }

  /** A value for an error message: single-quoted, at most a short prefix, control characters shown as '?'. */
  public static String quote(String value) {
    if (value == null) {
      return "null";
    }
    String shown = value.length() > QUOTE_CHARS ? value.substring(0, QUOTE_CHARS) + "..." : value;
    StringBuilder b = new StringBuilder(shown.length() + 2).append('\'');
    shown.chars().forEach(c -> b.append(c < 0x20 || c == 0x7f ? '?' : (char) c));
    return b.append('\'').toString();
  }
}
