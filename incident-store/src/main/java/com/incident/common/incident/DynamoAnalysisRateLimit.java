package com.incident.common.incident;

import static com.incident.common.incident.IncidentTable.PK;
import static com.incident.common.incident.IncidentTable.RATE_PREFIX;
import static com.incident.common.incident.IncidentTable.TTL;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * {@link AnalysisRateLimit} on the incident table: one counter item per alarm and hour
 * ({@code RATE#alarm#<name>#<hour>}) and one per hour ({@code RATE#global#<hour>}), each a count plus the set of
 * sessions counted, both changed by one conditional update so concurrent callers cannot overshoot. Items
 * expire through TTL an hour after their hour ends.
 */
public final class DynamoAnalysisRateLimit implements AnalysisRateLimit {
  public static final String COUNT = "count";
  public static final String SESSIONS = "sessions";
  private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);

  private final DynamoDbClient ddb;
  private final String table;
  private final Limits limits;

  public DynamoAnalysisRateLimit(DynamoDbClient ddb, String table, Limits limits) {
    this.ddb = ddb;
    this.table = table;
    this.limits = limits;
  }

  @Override
  public Optional<String> acquire(String alarmName, String sessionId, Instant now) {
    String hour = HOUR.format(now);
    long expires = now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(2)).getEpochSecond();
    String alarmKey = RATE_PREFIX + "alarm#" + alarmName + "#" + hour;
    Slot alarm = take(alarmKey, sessionId, limits.perAlarmPerHour(), expires);
    if (alarm == Slot.REFUSED) {
      return Optional.of("rate limit: alarm already started " + limits.perAlarmPerHour() + " sessions in hour " + hour
          + " UTC (" + PER_ALARM_ENV + ")");
    }
    if (take(RATE_PREFIX + "global#" + hour, sessionId, limits.globalPerHour(), expires) == Slot.REFUSED) {
      if (alarm == Slot.TAKEN) {
        // Give the alarm's slot back so the per-alarm count stays the number of sessions actually allowed.
        ddb.updateItem(b -> b.tableName(table).key(Map.of(PK, AttributeValue.fromS(alarmKey)))
            .updateExpression("ADD #c :minus DELETE #s :sid")
            .expressionAttributeNames(Map.of("#c", COUNT, "#s", SESSIONS))
            .expressionAttributeValues(Map.of(":minus", AttributeValue.fromN("-1"),
                ":sid", AttributeValue.fromSs(List.of(sessionId)))));
      }
      return Optional.of("rate limit: " + limits.globalPerHour() + " sessions already started across all alarms in hour "
          + hour + " UTC (" + GLOBAL_ENV + ")");
    }
    return Optional.empty();
  }

  private enum Slot { TAKEN, HELD, REFUSED }

  private Slot take(String pk, String sessionId, int limit, long expires) {
    try {
      ddb.updateItem(b -> b.tableName(table).key(Map.of(PK, AttributeValue.fromS(pk)))
          .updateExpression("ADD #c :one, #s :sid SET #ttl = :ttl")
          .conditionExpression("(attribute_not_exists(#c) OR #c < :limit) AND NOT contains(#s, :sidValue)")
          .expressionAttributeNames(Map.of("#c", COUNT, "#s", SESSIONS, "#ttl", TTL))
          .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"),
              ":sid", AttributeValue.fromSs(List.of(sessionId)), ":sidValue", AttributeValue.fromS(sessionId),
              ":limit", AttributeValue.fromN(Integer.toString(limit)), ":ttl", AttributeValue.fromN(Long.toString(expires))))
          .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
      return Slot.TAKEN;
    } catch (ConditionalCheckFailedException e) {
      AttributeValue counted = e.item() == null ? null : e.item().get(SESSIONS);
      return counted != null && counted.ss().contains(sessionId) ? Slot.HELD : Slot.REFUSED;
    }
  }
}
