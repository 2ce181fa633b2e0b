package com.incident.trigger.store;

import static com.incident.common.incident.IncidentTable.*;

import com.incident.common.incident.AnalysisMode;
import com.incident.trigger.core.Action;
import com.incident.trigger.core.TriggerResult;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/** {@link IncidentStore} on one DynamoDB table with conditional writes. */
public final class DynamoIncidentStore implements IncidentStore {
  static final String MSG_STATUS_IN_PROGRESS = "IN_PROGRESS";
  static final String MSG_STATUS_DONE = "DONE";
  static final String MSG_STATUS_FAILED = "FAILED";
  static final String ACTION = "action";
  static final String MODE = "mode";
  static final String REASON = "reason";
  static final String LEASE_UNTIL = "leaseUntil";
  static final String LAST_FAILED_AT = "lastFailedAt";

  private final DynamoDbClient ddb;
  private final String table;
  private final Duration messageTtl;
  private final Duration incidentTtl;

  public DynamoIncidentStore(DynamoDbClient ddb, String table, Duration messageTtl, Duration incidentTtl) {
    this.ddb = ddb;
    this.table = table;
    this.messageTtl = messageTtl;
    this.incidentTtl = incidentTtl;
  }

  @Override
  public Claim claim(String messageId, Instant now, Instant leaseUntil) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(PK, s(MESSAGE_PREFIX + messageId));
    item.put(STATUS, s(MSG_STATUS_IN_PROGRESS));
    item.put(LEASE_UNTIL, n(leaseUntil.toEpochMilli()));
    item.put(UPDATED_AT, s(now.toString()));
    item.put(TTL, n(now.plus(messageTtl).getEpochSecond()));
    try {
      Map<String, AttributeValue> old = ddb.putItem(b -> b.tableName(table).item(item)
          .conditionExpression("attribute_not_exists(#pk) OR #s = :failed OR (#s = :busy AND #lease < :now)")
          .expressionAttributeNames(Map.of("#pk", PK, "#s", STATUS, "#lease", LEASE_UNTIL))
          .expressionAttributeValues(Map.of(":failed", s(MSG_STATUS_FAILED), ":busy", s(MSG_STATUS_IN_PROGRESS),
              ":now", n(now.toEpochMilli())))
          .returnValues(ReturnValue.ALL_OLD)
          .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).attributes();
      Plan previous = plan(old);
      return previous == null ? new Claim.Fresh() : new Claim.Resume(previous);
    } catch (ConditionalCheckFailedException e) {
      Map<String, AttributeValue> old = e.item() == null ? Map.of() : e.item();
      if (MSG_STATUS_DONE.equals(str(old, STATUS))) {
        return new Claim.Handled(str(old, ACTION), str(old, SESSION_ID), str(old, REASON));
      }
      return new Claim.Busy();
    }
  }

  @Override
  public void plan(String messageId, Plan plan, Instant now) {
    ddb.updateItem(b -> b.tableName(table).key(key(MESSAGE_PREFIX + messageId))
        .updateExpression("SET #a = :a, #m = :m, #i = :i, #sid = :sid, #u = :u")
        .expressionAttributeNames(Map.of("#a", ACTION, "#m", MODE, "#i", INCIDENT_ID, "#sid", SESSION_ID,
            "#u", UPDATED_AT))
        .expressionAttributeValues(Map.of(":a", s(plan.action().id()), ":m", s(plan.mode().id()),
            ":i", s(plan.incidentId()), ":sid", s(plan.sessionId()), ":u", s(now.toString()))));
  }

  @Override
  public void complete(String messageId, TriggerResult result, Instant now) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(PK, s(MESSAGE_PREFIX + messageId));
    item.put(STATUS, s(MSG_STATUS_DONE));
    item.put(ACTION, s(result.action().id()));
    putIfPresent(item, ALARM_NAME, result.alarmName());
    putIfPresent(item, SESSION_ID, result.sessionId());
    putIfPresent(item, REASON, result.reason());
    item.put(UPDATED_AT, s(now.toString()));
    item.put(TTL, n(now.plus(messageTtl).getEpochSecond()));
    ddb.putItem(b -> b.tableName(table).item(item));
  }

  @Override
  public void reject(String messageId, TriggerResult result, Instant now) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(PK, s(MESSAGE_PREFIX + messageId));
    item.put(STATUS, s(MSG_STATUS_DONE));
    item.put(ACTION, s(result.action().id()));
    putIfPresent(item, ALARM_NAME, result.alarmName());
    putIfPresent(item, REASON, result.reason());
    item.put(UPDATED_AT, s(now.toString()));
    item.put(TTL, n(now.plus(messageTtl).getEpochSecond()));
    try {
      // Never over a record that exists: the same rejection from an earlier delivery, or a message id an
      // event reused, whose real outcome must survive.
      ddb.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(#pk)")
          .expressionAttributeNames(Map.of("#pk", PK)));
    } catch (ConditionalCheckFailedException e) {
      // Already recorded.
    }
  }

  @Override
  public void fail(String messageId, Plan plan, String reason, Instant now) {
    ddb.updateItem(b -> b.tableName(table).key(key(MESSAGE_PREFIX + messageId))
        .updateExpression("SET #s = :s, #a = :a, #m = :m, #i = :i, #sid = :sid, #r = :r, #u = :u")
        .expressionAttributeNames(Map.of("#s", STATUS, "#a", ACTION, "#m", MODE, "#i", INCIDENT_ID,
            "#sid", SESSION_ID, "#r", REASON, "#u", UPDATED_AT))
        .expressionAttributeValues(Map.of(":s", s(MSG_STATUS_FAILED), ":a", s(plan.action().id()),
            ":m", s(plan.mode().id()), ":i", s(plan.incidentId()), ":sid", s(plan.sessionId()), ":r", s(reason),
            ":u", s(now.toString()))));
  }

  @Override
  public String openIncident(String alarmName, String newIncidentId, String sessionId, Instant alarmAt,
      Instant now) {
    long expires = now.plus(incidentTtl).getEpochSecond();
    // The record exists before the pointer does, so a concurrent recurrence that sees the pointer always
    // finds a complete incident to count on.
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(PK, s(incidentKey(newIncidentId)));
    item.put(INCIDENT_ID, s(newIncidentId));
    item.put(ALARM_NAME, s(alarmName));
    item.put(STATUS, s(STATUS_OPEN));
    item.put(SESSION_ID, s(sessionId));
    item.put(ALARM_AT, s(alarmAt.toString()));
    item.put(OPENED_AT, s(now.toString()));
    item.put(OCCURRENCES, n(1));
    item.put(LAST_STATE, s("ALARM"));
    item.put(UPDATED_AT, s(now.toString()));
    item.put(TTL, n(expires));
    ddb.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(#pk)")
        .expressionAttributeNames(Map.of("#pk", PK)));
    try {
      ddb.updateItem(b -> b.tableName(table).key(key(alarmKey(alarmName)))
          .updateExpression("SET #open = :id, #name = :name, #u = :now, #ttl = :ttl")
          .conditionExpression("attribute_not_exists(#open)")
          .expressionAttributeNames(Map.of("#open", OPEN_INCIDENT_ID, "#name", ALARM_NAME, "#u", UPDATED_AT,
              "#ttl", TTL))
          .expressionAttributeValues(Map.of(":id", s(newIncidentId), ":name", s(alarmName), ":now", s(now.toString()),
              ":ttl", n(expires)))
          .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
      return newIncidentId;
    } catch (ConditionalCheckFailedException e) {
      ddb.deleteItem(b -> b.tableName(table).key(key(incidentKey(newIncidentId))));
      return str(e.item() == null ? Map.of() : e.item(), OPEN_INCIDENT_ID);
    }
  }

  @Override
  public boolean takeOverAnalysis(String incidentId, String sessionId, Instant now) {
    try {
      ddb.updateItem(b -> b.tableName(table).key(key(incidentKey(incidentId)))
          .updateExpression("SET #sid = :sid, #s = :open, #u = :now REMOVE #f")
          .conditionExpression("#s = :failed AND attribute_not_exists(#issue)")
          .expressionAttributeNames(Map.of("#sid", SESSION_ID, "#s", STATUS, "#u", UPDATED_AT, "#f", FAILURE_REASON,
              "#issue", ISSUE_NUMBER))
          .expressionAttributeValues(Map.of(":sid", s(sessionId), ":open", s(STATUS_OPEN), ":now", s(now.toString()),
              ":failed", s(STATUS_FAILED))));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  @Override
  public boolean ownsAnalysis(String incidentId, String sessionId, Instant now) {
    try {
      ddb.updateItem(b -> b.tableName(table).key(key(incidentKey(incidentId)))
          .updateExpression("SET #u = :now")
          .conditionExpression("#sid = :sid")
          .expressionAttributeNames(Map.of("#sid", SESSION_ID, "#u", UPDATED_AT))
          .expressionAttributeValues(Map.of(":sid", s(sessionId), ":now", s(now.toString()))));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  @Override
  public Optional<String> openIncidentId(String alarmName) {
    Map<String, AttributeValue> item = ddb.getItem(b -> b.tableName(table).key(key(alarmKey(alarmName)))
        .consistentRead(true)).item();
    return Optional.ofNullable(str(item == null ? Map.of() : item, OPEN_INCIDENT_ID));
  }

  @Override
  public boolean recordOccurrence(String incidentId, String state, Instant now) {
    boolean alarm = "ALARM".equals(state);
    Map<String, AttributeValue> after = ddb.updateItem(b -> b.tableName(table).key(key(incidentKey(incidentId)))
        .updateExpression((alarm ? "ADD #o :one " : "") + "SET #ls = :state, #u = :now")
        .conditionExpression("attribute_exists(#pk)")
        .expressionAttributeNames(alarm ? Map.of("#o", OCCURRENCES, "#ls", LAST_STATE, "#u", UPDATED_AT, "#pk", PK)
            : Map.of("#ls", LAST_STATE, "#u", UPDATED_AT, "#pk", PK))
        .expressionAttributeValues(alarm ? Map.of(":one", n(1), ":state", s(state), ":now", s(now.toString()))
            : Map.of(":state", s(state), ":now", s(now.toString())))
        .returnValues(ReturnValue.ALL_NEW)).attributes();
    return STATUS_FAILED.equals(str(after, STATUS)) && !after.containsKey(ISSUE_NUMBER);
  }

  @Override
  public boolean endEpisode(String alarmName, String incidentId, Instant now) {
    try {
      ddb.updateItem(b -> b.tableName(table).key(key(alarmKey(alarmName)))
          .updateExpression("REMOVE #open SET #last = :id, #u = :now")
          .conditionExpression("#open = :id")
          .expressionAttributeNames(Map.of("#open", OPEN_INCIDENT_ID, "#last", "lastIncidentId", "#u", UPDATED_AT))
          .expressionAttributeValues(Map.of(":id", s(incidentId), ":now", s(now.toString()))));
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
    ddb.updateItem(b -> b.tableName(table).key(key(incidentKey(incidentId)))
        .updateExpression("SET #s = :s, #ls = :ok, #u = :now")
        .expressionAttributeNames(Map.of("#s", STATUS, "#ls", LAST_STATE, "#u", UPDATED_AT))
        .expressionAttributeValues(Map.of(":s", s(STATUS_RECOVERING), ":ok", s("OK"), ":now", s(now.toString()))));
    return true;
  }

  @Override
  public void markStarted(String incidentId, AnalysisMode mode, String sessionId, Instant now) {
    Map<String, String> names = new HashMap<>(Map.of("#u", UPDATED_AT, "#f", FAILURE_REASON));
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":now", s(now.toString())));
    StringBuilder set = new StringBuilder("SET #u = :now");
    if (mode != AnalysisMode.RECURRENCE) {
      set.append(", #s = :s");
      names.put("#s", STATUS);
      values.put(":s", s(mode == AnalysisMode.ANALYZE ? STATUS_ANALYZING : STATUS_RECOVERING));
    }
    if (mode == AnalysisMode.ANALYZE) {
      set.append(", #sid = :sid");
      names.put("#sid", SESSION_ID);
      values.put(":sid", s(sessionId));
    }
    ddb.updateItem(b -> b.tableName(table).key(key(incidentKey(incidentId)))
        .updateExpression(set + " REMOVE #f").expressionAttributeNames(names).expressionAttributeValues(values));
  }

  @Override
  public void markFailed(String incidentId, AnalysisMode mode, String reason, Instant now) {
    // A failed recurrence comment leaves the incident's analysis intact, so only its own failure is recorded.
    boolean incidentFailed = mode != AnalysisMode.RECURRENCE;
    ddb.updateItem(b -> b.tableName(table).key(key(incidentKey(incidentId)))
        .updateExpression("SET #f = :r, #lf = :now, #u = :now" + (incidentFailed ? ", #s = :failed" : ""))
        .expressionAttributeNames(incidentFailed
            ? Map.of("#f", FAILURE_REASON, "#lf", LAST_FAILED_AT, "#u", UPDATED_AT, "#s", STATUS)
            : Map.of("#f", FAILURE_REASON, "#lf", LAST_FAILED_AT, "#u", UPDATED_AT))
        .expressionAttributeValues(incidentFailed
            ? Map.of(":r", s(reason), ":now", s(now.toString()), ":failed", s(STATUS_FAILED))
            : Map.of(":r", s(reason), ":now", s(now.toString()))));
  }

  @Override
  public void abandon(Plan plan, String alarmName, String reason, Instant now) {
    if (plan.mode() != AnalysisMode.ANALYZE) {
      // The incident's own analysis stands; only this session's refusal is noted.
      ddb.updateItem(b -> b.tableName(table).key(key(incidentKey(plan.incidentId())))
          .updateExpression("SET #f = :r, #lf = :now, #u = :now")
          .expressionAttributeNames(Map.of("#f", FAILURE_REASON, "#lf", LAST_FAILED_AT, "#u", UPDATED_AT))
          .expressionAttributeValues(Map.of(":r", s(reason), ":now", s(now.toString()))));
      return;
    }
    // Closed first, then the pointer dropped: whoever still finds the pointer finds an incident that says why.
    ddb.updateItem(b -> b.tableName(table).key(key(incidentKey(plan.incidentId())))
        .updateExpression("SET #s = :rejected, #f = :r, #lf = :now, #u = :now")
        .expressionAttributeNames(Map.of("#s", STATUS, "#f", FAILURE_REASON, "#lf", LAST_FAILED_AT, "#u", UPDATED_AT))
        .expressionAttributeValues(Map.of(":rejected", s(STATUS_REJECTED), ":r", s(reason),
            ":now", s(now.toString()))));
    try {
      ddb.updateItem(b -> b.tableName(table).key(key(alarmKey(alarmName)))
          .updateExpression("REMOVE #open SET #last = :id, #u = :now")
          .conditionExpression("#open = :id")
          .expressionAttributeNames(Map.of("#open", OPEN_INCIDENT_ID, "#last", "lastIncidentId", "#u", UPDATED_AT))
          .expressionAttributeValues(Map.of(":id", s(plan.incidentId()), ":now", s(now.toString()))));
    } catch (ConditionalCheckFailedException e) {
      // The episode already moved on to another incident.
    }
  }

  private static Plan plan(Map<String, AttributeValue> old) {
    if (old == null || str(old, SESSION_ID) == null || str(old, INCIDENT_ID) == null || str(old, MODE) == null) {
      return null;
    }
    return new Plan(Action.fromId(str(old, ACTION)), AnalysisMode.fromId(str(old, MODE)), str(old, INCIDENT_ID),
        str(old, SESSION_ID));
  }

  private static Map<String, AttributeValue> key(String pk) {
    return Map.of(PK, s(pk));
  }

  private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
    if (value != null) {
      item.put(name, s(value));
    }
  }

  private static String str(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null ? null : v.s();
  }

  private static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  private static AttributeValue n(long v) {
    return AttributeValue.fromN(Long.toString(v));
  }
}
