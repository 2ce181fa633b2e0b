package com.incident.agent.records;

import com.incident.common.incident.AnalysisMode;
import com.incident.common.incident.IncidentTable;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The incident table in DynamoDB. Times are ISO-8601 strings, counters and issue numbers numbers; session
 * markers expire after {@code sessionTtl} through the table's TTL attribute.
 */
public final class DynamoIncidentRecords implements IncidentRecords {
  private final DynamoDbClient dynamo;
  private final String table;
  private final Duration sessionTtl;

  public DynamoIncidentRecords(DynamoDbClient dynamo, String table, Duration sessionTtl) {
    this.dynamo = dynamo;
    this.table = table;
    this.sessionTtl = sessionTtl;
  }

  @Override
  public boolean claimSession(String sessionId, String incidentId, Instant now) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(IncidentTable.PK, s(SESSION_PREFIX + sessionId));
    item.put(IncidentTable.SESSION_ID, s(sessionId));
    item.put(IncidentTable.INCIDENT_ID, s(incidentId));
    item.put(SESSION_STATE, s(SessionState.ACCEPTED.name()));
    item.put(IncidentTable.UPDATED_AT, s(now.toString()));
    item.put(IncidentTable.TTL, n(now.plus(sessionTtl).getEpochSecond()));
    try {
      dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(#pk)")
          .expressionAttributeNames(Map.of("#pk", IncidentTable.PK)));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  @Override
  public boolean startSession(String sessionId, Instant now) {
    try {
      dynamo.updateItem(b -> b.tableName(table).key(key(SESSION_PREFIX + sessionId))
          .updateExpression("SET #st = :running, #u = :now, #ttl = if_not_exists(#ttl, :ttl)")
          .conditionExpression("attribute_not_exists(#st) OR #st = :accepted")
          .expressionAttributeNames(Map.of("#st", SESSION_STATE, "#u", IncidentTable.UPDATED_AT,
              "#ttl", IncidentTable.TTL))
          .expressionAttributeValues(Map.of(":running", s(SessionState.RUNNING.name()),
              ":accepted", s(SessionState.ACCEPTED.name()), ":now", s(now.toString()),
              ":ttl", n(now.plus(sessionTtl).getEpochSecond()))));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  @Override
  public void finishSession(String sessionId, Instant now) {
    dynamo.updateItem(b -> b.tableName(table).key(key(SESSION_PREFIX + sessionId))
        .updateExpression("SET #st = :done, #u = :now")
        .expressionAttributeNames(Map.of("#st", SESSION_STATE, "#u", IncidentTable.UPDATED_AT))
        .expressionAttributeValues(Map.of(":done", s(SessionState.DONE.name()), ":now", s(now.toString()))));
  }

  @Override
  public void releaseSession(String sessionId) {
    dynamo.deleteItem(b -> b.tableName(table).key(key(SESSION_PREFIX + sessionId)));
  }

  @Override
  public boolean claimIncident(String incidentId, AnalysisMode mode, String sessionId, Instant now) {
    String attribute = IncidentRecords.claimAttribute(mode);
    if (attribute == null) {
      return true;
    }
    try {
      // The TTL only matters for an incident alarm-trigger never wrote (a caller's own id): it must not stay.
      dynamo.updateItem(b -> b.tableName(table).key(key(IncidentTable.incidentKey(incidentId)))
          .updateExpression("SET #claim = :sid, #ttl = if_not_exists(#ttl, :ttl)")
          .conditionExpression("attribute_not_exists(#claim) OR (#owner = :sid AND #claim <> :sid)")
          .expressionAttributeNames(Map.of("#claim", attribute, "#owner", IncidentTable.SESSION_ID,
              "#ttl", IncidentTable.TTL))
          .expressionAttributeValues(Map.of(":sid", s(sessionId), ":ttl", n(now.plus(sessionTtl).getEpochSecond()))));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  @Override
  public void releaseIncident(String incidentId, AnalysisMode mode, String sessionId) {
    String attribute = IncidentRecords.claimAttribute(mode);
    if (attribute == null) {
      return;
    }
    try {
      dynamo.updateItem(b -> b.tableName(table).key(key(IncidentTable.incidentKey(incidentId)))
          .updateExpression("REMOVE #claim").conditionExpression("#claim = :sid")
          .expressionAttributeNames(Map.of("#claim", attribute)).expressionAttributeValues(Map.of(":sid", s(sessionId))));
    } catch (ConditionalCheckFailedException e) {
      // Not (or no longer) this session's claim.
    }
  }

  @Override
  public Optional<IncidentRecord> incident(String incidentId) {
    Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
        .key(key(IncidentTable.incidentKey(incidentId))).consistentRead(true)).item();
    if (item == null || item.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new IncidentRecord(incidentId, str(item, IncidentTable.ALARM_NAME),
        str(item, IncidentTable.STATUS), num(item, IncidentTable.ISSUE_NUMBER), str(item, IncidentTable.ISSUE_URL),
        time(item, IncidentTable.ALARM_AT), time(item, IncidentTable.ISSUE_CREATED_AT),
        num(item, IncidentTable.OCCURRENCES), str(item, EVIDENCE_SIGNALS)));
  }

  @Override
  public void update(String incidentId, Map<String, Object> attributes, Instant now) {
    Map<String, Object> all = new HashMap<>(attributes);
    all.put(IncidentTable.UPDATED_AT, now);
    StringBuilder expression = new StringBuilder("SET ");
    Map<String, String> names = new HashMap<>();
    Map<String, AttributeValue> values = new HashMap<>();
    int i = 0;
    for (Map.Entry<String, Object> e : all.entrySet()) {
      if (i > 0) {
        expression.append(", ");
      }
      expression.append("#a").append(i).append(" = :v").append(i);
      names.put("#a" + i, e.getKey());
      values.put(":v" + i, value(e.getValue()));
      i++;
    }
    dynamo.updateItem(b -> b.tableName(table).key(key(IncidentTable.incidentKey(incidentId)))
        .updateExpression(expression.toString()).expressionAttributeNames(names).expressionAttributeValues(values));
  }

  private static AttributeValue value(Object v) {
    return switch (v) {
      case Number num -> n(num);
      case Instant t -> s(t.toString());
      default -> s(String.valueOf(v));
    };
  }

  private static Map<String, AttributeValue> key(String pk) {
    return Map.of(IncidentTable.PK, s(pk));
  }

  private static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  private static AttributeValue n(Number v) {
    return AttributeValue.fromN(v.toString());
  }

  private static String str(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null ? null : v.s() != null ? v.s() : v.n();
  }

  private static Integer num(Map<String, AttributeValue> item, String name) {
    String v = str(item, name);
    try {
      return v == null ? null : Integer.valueOf(v);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** alarm-trigger may store times as ISO-8601 or epoch seconds; both are read. */
  private static Instant time(Map<String, AttributeValue> item, String name) {
    String v = str(item, name);
    if (v == null) {
      return null;
    }
    try {
      return v.chars().allMatch(Character::isDigit) ? Instant.ofEpochSecond(Long.parseLong(v)) : Instant.parse(v);
    } catch (DateTimeParseException | NumberFormatException e) {
      return null;
    }
  }
}
