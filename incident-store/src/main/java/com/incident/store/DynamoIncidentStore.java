package com.incident.store;

import static com.incident.common.incident.IncidentTable.*;

import com.incident.common.incident.AlarmDetails;
import com.incident.common.incident.AnalysisMode;
import com.incident.common.incident.Severity;
import com.incident.common.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * {@link IncidentStore} on one DynamoDB table. Times are ISO-8601 strings (epoch seconds are read too),
 * counters and issue numbers numbers; every item carries the table's TTL attribute from {@link Expiry}.
 */
public final class DynamoIncidentStore implements IncidentStore {
  /** How long each kind of item stays after its last write that sets the TTL. */
  public record Expiry(Duration deliveries, Duration incidents, Duration sessions) {
    /** One lifetime for everything a function writes (agent-runtime writes sessions and claims only). */
    public static Expiry all(Duration ttl) {
      return new Expiry(ttl, ttl, ttl);
    }
  }

  private static final String DELIVERY_IN_PROGRESS = "IN_PROGRESS";
  private static final String DELIVERY_DONE = "DONE";
  private static final String DELIVERY_FAILED = "FAILED";

  private final DynamoDbClient ddb;
  private final String table;
  private final Expiry expiry;

  public DynamoIncidentStore(DynamoDbClient ddb, String table, Expiry expiry) {
    this.ddb = ddb;
    this.table = table;
    this.expiry = expiry;
  }

  // --- Deliveries ---

  @Override
  public DeliveryClaim claimDelivery(String messageId, Instant now, Instant leaseUntil) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(PK, s(MESSAGE_PREFIX + messageId));
    item.put(STATUS, s(DELIVERY_IN_PROGRESS));
    item.put(LEASE_UNTIL, n(leaseUntil.toEpochMilli()));
    item.put(UPDATED_AT, s(now.toString()));
    item.put(TTL, n(now.plus(expiry.deliveries()).getEpochSecond()));
    try {
      Map<String, AttributeValue> old = ddb.putItem(b -> b.tableName(table).item(item)
          .conditionExpression("attribute_not_exists(#pk) OR #s = :failed OR (#s = :busy AND #lease < :now)")
          .expressionAttributeNames(Map.of("#pk", PK, "#s", STATUS, "#lease", LEASE_UNTIL))
          .expressionAttributeValues(Map.of(":failed", s(DELIVERY_FAILED), ":busy", s(DELIVERY_IN_PROGRESS),
              ":now", n(now.toEpochMilli())))
          .returnValues(ReturnValue.ALL_OLD)
          .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).attributes();
      Plan previous = plan(old == null ? Map.of() : old);
      return previous == null ? new DeliveryClaim.Fresh() : new DeliveryClaim.Resume(previous);
    } catch (ConditionalCheckFailedException e) {
      Map<String, AttributeValue> old = e.item() == null ? Map.of() : e.item();
      if (DELIVERY_DONE.equals(str(old, STATUS))) {
        return new DeliveryClaim.Handled(str(old, ACTION), str(old, SESSION_ID), str(old, REASON));
      }
      return new DeliveryClaim.Busy();
    }
  }

  @Override
  public void planDelivery(String messageId, Plan plan, Instant now) {
    ddb.updateItem(new Update().set(MODE, s(plan.mode().id())).set(INCIDENT_ID, s(plan.incidentId()))
        .set(SESSION_ID, s(plan.sessionId())).set(UPDATED_AT, s(now.toString()))
        .request(table, MESSAGE_PREFIX + messageId));
  }

  @Override
  public void completeDelivery(String messageId, DeliveryOutcome outcome, Instant now) {
    ddb.putItem(b -> b.tableName(table).item(deliveryItem(messageId, outcome, now)));
  }

  @Override
  public void rejectDelivery(String messageId, DeliveryOutcome outcome, Instant now) {
    try {
      ddb.putItem(b -> b.tableName(table).item(deliveryItem(messageId, outcome, now))
          .conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", PK)));
    } catch (ConditionalCheckFailedException e) {
      // Already recorded.
    }
  }

  @Override
  public void failDelivery(String messageId, Plan plan, String reason, Instant now) {
    ddb.updateItem(new Update().set(STATUS, s(DELIVERY_FAILED)).set(MODE, s(plan.mode().id()))
        .set(INCIDENT_ID, s(plan.incidentId())).set(SESSION_ID, s(plan.sessionId())).set(REASON, s(reason))
        .set(UPDATED_AT, s(now.toString())).request(table, MESSAGE_PREFIX + messageId));
  }

  private Map<String, AttributeValue> deliveryItem(String messageId, DeliveryOutcome outcome, Instant now) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(PK, s(MESSAGE_PREFIX + messageId));
    item.put(STATUS, s(DELIVERY_DONE));
    item.put(ACTION, s(outcome.action()));
    putIfPresent(item, ALARM_NAME, outcome.alarmName());
    putIfPresent(item, SESSION_ID, outcome.sessionId());
    putIfPresent(item, REASON, outcome.reason());
    item.put(UPDATED_AT, s(now.toString()));
    item.put(TTL, n(now.plus(expiry.deliveries()).getEpochSecond()));
    return item;
  }

  // --- Episodes ---

  @Override
  public Episode openOrJoin(String alarmName, String newIncidentId, String sessionId, Instant alarmAt, Instant now) {
    long expires = now.plus(expiry.incidents()).getEpochSecond();
    Map<String, AttributeValue> item = incidentItem(alarmName, newIncidentId, sessionId, alarmAt, now, expires);
    ddb.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(#pk)")
        .expressionAttributeNames(Map.of("#pk", PK)));
    try {
      Update pointer = new Update().set(OPEN_INCIDENT_ID, s(newIncidentId)).set(ALARM_NAME, s(alarmName))
          .set(UPDATED_AT, s(now.toString())).set(TTL, n(expires));
      ddb.updateItem(pointer.when("attribute_not_exists(" + pointer.name(OPEN_INCIDENT_ID) + ")")
          .request(table, alarmKey(alarmName)).toBuilder()
          .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build());
      return new Episode(newIncidentId, true);
    } catch (ConditionalCheckFailedException e) {
      ddb.deleteItem(b -> b.tableName(table).key(key(incidentKey(newIncidentId))));
      return new Episode(str(e.item() == null ? Map.of() : e.item(), OPEN_INCIDENT_ID), false);
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
    Update u = new Update().set(LAST_STATE, s(state)).set(UPDATED_AT, s(now.toString()));
    if ("ALARM".equals(state)) {
      u.add(OCCURRENCES, 1);
    }
    Map<String, AttributeValue> after = ddb.updateItem(u.when("attribute_exists(" + u.name(PK) + ")")
        .request(table, incidentKey(incidentId)).toBuilder().returnValues(ReturnValue.ALL_NEW).build()).attributes();
    return IncidentStatus.FAILED.name().equals(str(after, STATUS)) && !after.containsKey(ISSUE_NUMBER);
  }

  @Override
  public boolean takeOverAnalysis(String incidentId, String sessionId, Instant now) {
    Update u = new Update().set(SESSION_ID, s(sessionId)).set(STATUS, status(IncidentStatus.OPEN))
        .set(UPDATED_AT, s(now.toString())).remove(FAILURE_REASON);
    return conditional(u.when(u.name(STATUS) + " = " + u.value(status(IncidentStatus.FAILED))
        + " AND attribute_not_exists(" + u.name(ISSUE_NUMBER) + ")"), incidentKey(incidentId));
  }

  @Override
  public boolean ownsAnalysis(String incidentId, String sessionId, Instant now) {
    Update u = new Update().set(UPDATED_AT, s(now.toString()));
    return conditional(u.when(u.name(SESSION_ID) + " = " + u.value(s(sessionId))), incidentKey(incidentId));
  }

  @Override
  public EpisodeEnd endEpisode(String alarmName, String incidentId, Instant now) {
    if (!dropPointer(alarmName, incidentId, now)) {
      return EpisodeEnd.ALREADY_ENDED;
    }
    // A correlated incident recovers with its last alarm: each member's OK is one atomic map update, so exactly
    // one of several concurrent OKs sees no member left in ALARM.
    try {
      Update member = new Update().set(UPDATED_AT, s(now.toString()));
      member.setPath(member.path(MEMBER_STATES, alarmName), s("OK"));
      Map<String, AttributeValue> after = ddb.updateItem(member.when("attribute_exists(" + member.name(MEMBER_STATES)
          + ")").request(table, incidentKey(incidentId)).toBuilder().returnValues(ReturnValue.ALL_NEW).build())
          .attributes();
      AttributeValue states = after.get(MEMBER_STATES);
      if (states != null && states.hasM() && states.m().values().stream().anyMatch(v -> "ALARM".equals(v.s()))) {
        return EpisodeEnd.WAITING_FOR_RELATED;
      }
    } catch (ConditionalCheckFailedException e) {
      // An incident opened before correlation existed: its one alarm is the whole episode.
    }
    ddb.updateItem(new Update().set(STATUS, status(IncidentStatus.RECOVERING)).set(LAST_STATE, s("OK"))
        .set(MEMBERS_OK, AttributeValue.fromBool(true)).set(UPDATED_AT, s(now.toString()))
        .request(table, incidentKey(incidentId)));
    return EpisodeEnd.ENDED;
  }

  // --- Correlation (CORR#index and the incident's members) ---

  private static final int CORRELATE_ATTEMPTS = 80;

  @Override
  public Correlated correlate(AlarmScope scope, String alarmJson, String newIncidentId, String sessionId,
      Duration window, Instant now) {
    java.util.Random jitter = new java.util.Random();
    for (int attempt = 1; attempt <= CORRELATE_ATTEMPTS; attempt++) {
      Optional<String> own = openIncidentId(scope.alarmName());
      if (own.isPresent()) {
        return new Correlated.AlreadyOpen(own.get());
      }
      Index index = readIndex();
      List<Correlation.Group> live = new ArrayList<>(Correlation.live(index.groups(), now, window));
      Optional<Correlation.Match> match = Correlation.decide(live, scope, window);
      List<software.amazon.awssdk.services.dynamodb.model.TransactWriteItem> writes = new ArrayList<>();
      Correlated result;
      long expires = now.plus(expiry.incidents()).getEpochSecond();
      if (match.isPresent()) {
        Correlation.Match m = match.get();
        String incidentId = m.group().incidentId();
        live.replaceAll(g -> g.incidentId().equals(incidentId) ? g.with(scope) : g);
        RelatedAlarm related = new RelatedAlarm(scope.alarmName(), scope.at(), scope.metric(), m.reason(), m.widens(),
            String.join(",", new java.util.TreeSet<>(scope.namespaces())),
            String.join(",", new java.util.TreeSet<>(scope.nodes())), alarmJson,
            String.join(",", new java.util.TreeSet<>(m.assumedNodes())));
        Update join = new Update().set(UPDATED_AT, s(now.toString()));
        join.setPath(join.path(MEMBER_STATES, scope.alarmName()), s("ALARM"))
            .setPath(join.path(RELATED, scope.alarmName()), s(Json.write(related)));
        join.when("attribute_exists(" + join.name(MEMBER_STATES) + ") AND attribute_not_exists(" + join.name(MEMBERS_OK)
            + ") AND attribute_not_exists(" + join.name(RESOLVED_AT) + ") AND " + join.name(STATUS) + " <> "
            + join.value(status(IncidentStatus.REJECTED)));
        writes.add(join.transactItem(table, incidentKey(incidentId)));
        result = new Correlated.Joined(incidentId, related);
      } else {
        live.add(Correlation.Group.of(newIncidentId, scope));
        Map<String, AttributeValue> item = incidentItem(scope.alarmName(), newIncidentId, sessionId, scope.at(), now, expires);
        String reason = scope.unscoped() ? "상관 분석 대상 아님 (클러스터 차원 없음)"
            : "관련된 열린 인시던트 없음 (창 " + window.toMinutes() + "분)";
        item.put(CORRELATION, s(reason));
        item.put(MEMBER_STATES, AttributeValue.fromM(Map.of(scope.alarmName(), s("ALARM"))));
        item.put(RELATED, AttributeValue.fromM(Map.of()));
        item.put(RELATED_COMMENTED, AttributeValue.fromM(Map.of()));
        writes.add(software.amazon.awssdk.services.dynamodb.model.TransactWriteItem.builder().put(b -> b.tableName(table)
            .item(item).conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", PK)))
            .build());
        result = new Correlated.Opened(newIncidentId, reason);
      }
      Update pointer = new Update().set(OPEN_INCIDENT_ID, s(result.incidentId())).set(ALARM_NAME, s(scope.alarmName()))
          .set(UPDATED_AT, s(now.toString())).set(TTL, n(expires));
      writes.add(pointer.when("attribute_not_exists(" + pointer.name(OPEN_INCIDENT_ID) + ")")
          .transactItem(table, alarmKey(scope.alarmName())));
      writes.add(index.next(live, now).transactItem(table, CORRELATION_INDEX));
      try {
        ddb.transactWriteItems(b -> b.transactItems(writes));
        return result;
      } catch (software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException e) {
        // Another alarm changed the index (or the incident ended, or this alarm's pointer appeared): decide again.
        if (result instanceof Correlated.Joined j && e.hasCancellationReasons()
            && "ConditionalCheckFailed".equals(e.cancellationReasons().get(0).code())) {
          dropGroup(j.incidentId(), now);
        }
      }
      sleep(Math.min(200, 5 + jitter.nextInt(10 * attempt)));
    }
    throw new IllegalStateException("correlation of " + scope.alarmName() + " did not settle after "
        + CORRELATE_ATTEMPTS + " attempts");
  }

  @Override
  public Optional<Split> split(String alarmName, String newIncidentId, String sessionId, Instant now) {
    Optional<String> current = openIncidentId(alarmName);
    if (current.isEmpty()) {
      return Optional.empty();
    }
    String from = current.get();
    Optional<Incident> incident = incident(from);
    RelatedAlarm related = incident.flatMap(i -> i.related().stream().filter(r -> r.alarmName().equals(alarmName))
        .findFirst()).orElse(null);
    if (related == null) {
      throw new IllegalArgumentException("alarm " + alarmName + " opened incident " + from
          + " itself; only an alarm that joined an incident can be split off");
    }
    for (int attempt = 1; attempt <= CORRELATE_ATTEMPTS; attempt++) {
      Index index = readIndex();
      List<Correlation.Group> groups = index.groups().stream()
          .map(g -> g.incidentId().equals(from) ? g.without(alarmName) : g).toList();
      long expires = now.plus(expiry.incidents()).getEpochSecond();
      Update leave = new Update().set(UPDATED_AT, s(now.toString()));
      leave.removePath(leave.path(MEMBER_STATES, alarmName)).removePath(leave.path(RELATED, alarmName));
      Map<String, AttributeValue> item = incidentItem(alarmName, newIncidentId, sessionId, related.at(), now, expires);
      item.put(CORRELATION, s("인시던트 " + from + "에서 분리됨 (수동)"));
      item.put(MEMBER_STATES, AttributeValue.fromM(Map.of(alarmName, s("ALARM"))));
      item.put(RELATED, AttributeValue.fromM(Map.of()));
      item.put(RELATED_COMMENTED, AttributeValue.fromM(Map.of()));
      item.put(SPLIT_FROM, s(from));
      Update pointer = new Update().set(OPEN_INCIDENT_ID, s(newIncidentId)).set(UPDATED_AT, s(now.toString()));
      List<software.amazon.awssdk.services.dynamodb.model.TransactWriteItem> writes = List.of(
          leave.transactItem(table, incidentKey(from)),
          software.amazon.awssdk.services.dynamodb.model.TransactWriteItem.builder().put(b -> b.tableName(table)
              .item(item).conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", PK)))
              .build(),
          pointer.when(pointer.name(OPEN_INCIDENT_ID) + " = " + pointer.value(s(from)))
              .transactItem(table, alarmKey(alarmName)),
          index.next(groups, now).transactItem(table, CORRELATION_INDEX));
      try {
        ddb.transactWriteItems(b -> b.transactItems(writes));
        return Optional.of(new Split(from, newIncidentId, related));
      } catch (software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException e) {
        if (!from.equals(openIncidentId(alarmName).orElse(null))) {
          return Optional.empty();
        }
      }
      sleep(20);
    }
    throw new IllegalStateException("split of " + alarmName + " did not settle");
  }

  @Override
  public boolean claimRelatedComment(String incidentId, String alarmName, Instant now) {
    Update u = new Update().set(UPDATED_AT, s(now.toString()));
    String path = u.path(RELATED_COMMENTED, alarmName);
    u.setPath(path, s(now.toString()));
    return conditional(u.when("attribute_exists(" + u.name(RELATED_COMMENTED) + ") AND attribute_not_exists(" + path
        + ")"), incidentKey(incidentId));
  }

  @Override
  public boolean claimFollowUp(String incidentId, String sessionId, Instant now) {
    Update u = new Update().set(FOLLOW_UP_SESSION_ID, s(sessionId)).set(UPDATED_AT, s(now.toString()));
    return conditional(u.when("attribute_not_exists(" + u.name(FOLLOW_UP_SESSION_ID) + ") AND attribute_exists("
        + u.name(ANALYZED_AT) + ")"), incidentKey(incidentId));
  }

  @Override
  public Spend addSpend(String incidentId, Spend spend, Instant now) {
    Update u = new Update().add(SPENT_INPUT_TOKENS, spend.inputTokens()).add(SPENT_OUTPUT_TOKENS, spend.outputTokens())
        .add(SPENT_MICRO_USD, spend.microUsd()).add(SPENT_MODEL_CALLS, spend.modelCalls());
    ddb.updateItem(u.set(UPDATED_AT, s(now.toString())).request(table, incidentKey(incidentId)));
    String day = now.toString().substring(0, 10);
    Update d = new Update().add(SPENT_INPUT_TOKENS, spend.inputTokens()).add(SPENT_OUTPUT_TOKENS, spend.outputTokens())
        .add(SPENT_MICRO_USD, spend.microUsd()).add(SPENT_MODEL_CALLS, spend.modelCalls())
        .setIfAbsent(TTL, n(now.plus(Duration.ofDays(35)).getEpochSecond()));
    return spend(ddb.updateItem(d.request(table, SPEND_PREFIX + day).toBuilder().returnValues(ReturnValue.ALL_NEW)
        .build()).attributes());
  }

  private static List<String> alarming(Map<String, AttributeValue> item) {
    AttributeValue states = item.get(MEMBER_STATES);
    return states == null || !states.hasM() ? List.of() : states.m().entrySet().stream()
        .filter(e -> "ALARM".equals(e.getValue().s())).map(Map.Entry::getKey).sorted().toList();
  }

  private static List<RelatedAlarm> related(Map<String, AttributeValue> item) {
    AttributeValue related = item.get(RELATED);
    if (related == null || !related.hasM()) {
      return List.of();
    }
    List<RelatedAlarm> out = new ArrayList<>();
    for (AttributeValue v : related.m().values()) {
      try {
        out.add(Json.read(v.s(), RelatedAlarm.class));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException("related alarm entry is not readable: " + e.getOriginalMessage(), e);
      }
    }
    out.sort(java.util.Comparator.comparing(RelatedAlarm::at).thenComparing(RelatedAlarm::alarmName));
    return out;
  }

  private static Spend spend(Map<String, AttributeValue> item) {
    return new Spend(longOf(item, SPENT_INPUT_TOKENS), longOf(item, SPENT_OUTPUT_TOKENS), longOf(item, SPENT_MICRO_USD),
        (int) longOf(item, SPENT_MODEL_CALLS));
  }

  private static long longOf(Map<String, AttributeValue> item, String name) {
    String v = str(item, name);
    return v == null ? 0 : Long.parseLong(v);
  }

  private void dropGroup(String incidentId, Instant now) {
    Index index = readIndex();
    List<Correlation.Group> rest = index.groups().stream().filter(g -> !g.incidentId().equals(incidentId)).toList();
    if (rest.size() == index.groups().size()) {
      return;
    }
    try {
      ddb.updateItem(index.next(rest, now).request(table, CORRELATION_INDEX));
    } catch (ConditionalCheckFailedException e) {
      // Someone else rewrote the index; the next decision prunes again.
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while correlating", e);
    }
  }

  /** The correlation index as read: its groups and the version a write must still find. */
  private record Index(List<Correlation.Group> groups, long version) {
    Update next(List<Correlation.Group> groups, Instant now) {
      Update u = new Update().set(GROUPS, s(Json.write(groups))).set(VERSION, n(version + 1))
          .set(UPDATED_AT, s(now.toString()));
      return version == 0 ? u.when("attribute_not_exists(" + u.name(VERSION) + ")")
          : u.when(u.name(VERSION) + " = " + u.value(n(version)));
    }
  }

  private Index readIndex() {
    Map<String, AttributeValue> item = ddb.getItem(b -> b.tableName(table).key(key(CORRELATION_INDEX))
        .consistentRead(true)).item();
    if (item == null || item.isEmpty()) {
      return new Index(List.of(), 0);
    }
    String groups = str(item, GROUPS);
    try {
      return new Index(groups == null ? List.of() : Json.MAPPER.readValue(groups, GROUP_LIST), longOf(item, VERSION));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("correlation index is not readable: " + e.getOriginalMessage(), e);
    }
  }

  private static final com.fasterxml.jackson.core.type.TypeReference<List<Correlation.Group>> GROUP_LIST =
      new com.fasterxml.jackson.core.type.TypeReference<>() {};

  private Map<String, AttributeValue> incidentItem(String alarmName, String incidentId, String sessionId,
      Instant alarmAt, Instant now, long expires) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(PK, s(incidentKey(incidentId)));
    item.put(INCIDENT_ID, s(incidentId));
    item.put(ALARM_NAME, s(alarmName));
    item.put(STATUS, status(IncidentStatus.OPEN));
    item.put(SESSION_ID, s(sessionId));
    item.put(ALARM_AT, s(alarmAt.toString()));
    item.put(OPENED_AT, s(now.toString()));
    item.put(OCCURRENCES, n(1));
    item.put(LAST_STATE, s("ALARM"));
    item.put(UPDATED_AT, s(now.toString()));
    item.put(TTL, n(expires));
    return item;
  }

  @Override
  public void markStarted(String incidentId, AnalysisMode mode, String sessionId, Instant now) {
    Update u = new Update().set(UPDATED_AT, s(now.toString())).remove(FAILURE_REASON);
    if (mode == AnalysisMode.ANALYZE) {
      u.set(STATUS, status(IncidentStatus.ANALYZING)).set(SESSION_ID, s(sessionId));
    } else if (mode == AnalysisMode.RECOVERY) {
      u.set(STATUS, status(IncidentStatus.RECOVERING));
    }
    ddb.updateItem(u.request(table, incidentKey(incidentId)));
  }

  @Override
  public void markStartFailed(String incidentId, AnalysisMode mode, String reason, Instant now) {
    Update u = failure(reason, now);
    // A failed recurrence or related-alarm comment leaves the incident's analysis intact: only its own failure counts.
    if (mode != AnalysisMode.RECURRENCE && mode != AnalysisMode.CORRELATED) {
      u.set(STATUS, status(IncidentStatus.FAILED));
    }
    ddb.updateItem(u.request(table, incidentKey(incidentId)));
  }

  @Override
  public void markRejected(Plan plan, String alarmName, String reason, Instant now) {
    Update u = failure(reason, now);
    if (plan.mode() != AnalysisMode.ANALYZE) {
      // The incident's own analysis stands; only this session's refusal is noted.
      ddb.updateItem(u.request(table, incidentKey(plan.incidentId())));
      return;
    }
    // Closed first, then the pointer dropped: whoever still finds the pointer finds an incident that says why.
    ddb.updateItem(u.set(STATUS, status(IncidentStatus.REJECTED)).request(table, incidentKey(plan.incidentId())));
    dropPointer(alarmName, plan.incidentId(), now);
  }

  private static Update failure(String reason, Instant now) {
    return new Update().set(FAILURE_REASON, s(reason)).set(LAST_FAILED_AT, s(now.toString()))
        .set(UPDATED_AT, s(now.toString()));
  }

  /** Ends the episode if the pointer still names {@code incidentId}; false when it moved on. */
  private boolean dropPointer(String alarmName, String incidentId, Instant now) {
    Update u = new Update().remove(OPEN_INCIDENT_ID).set(LAST_INCIDENT_ID, s(incidentId))
        .set(UPDATED_AT, s(now.toString()));
    return conditional(u.when(u.name(OPEN_INCIDENT_ID) + " = " + u.value(s(incidentId))), alarmKey(alarmName));
  }

  // --- Sessions ---

  @Override
  public boolean claimSession(String sessionId, String incidentId, Instant now) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(PK, s(SESSION_PREFIX + sessionId));
    item.put(SESSION_ID, s(sessionId));
    item.put(INCIDENT_ID, s(incidentId));
    item.put(SESSION_STATE, s(SessionState.ACCEPTED.name()));
    item.put(UPDATED_AT, s(now.toString()));
    item.put(TTL, n(now.plus(expiry.sessions()).getEpochSecond()));
    try {
      ddb.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(#pk)")
          .expressionAttributeNames(Map.of("#pk", PK)));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  @Override
  public boolean startSession(String sessionId, Instant now) {
    Update u = new Update().set(SESSION_STATE, s(SessionState.RUNNING.name())).set(UPDATED_AT, s(now.toString()))
        .setIfAbsent(TTL, n(now.plus(expiry.sessions()).getEpochSecond()));
    return conditional(u.when("attribute_not_exists(" + u.name(SESSION_STATE) + ") OR " + u.name(SESSION_STATE)
        + " = " + u.value(s(SessionState.ACCEPTED.name()))), SESSION_PREFIX + sessionId);
  }

  @Override
  public void finishSession(String sessionId, Instant now) {
    ddb.updateItem(new Update().set(SESSION_STATE, s(SessionState.DONE.name())).set(UPDATED_AT, s(now.toString()))
        .request(table, SESSION_PREFIX + sessionId));
  }

  @Override
  public void releaseSession(String sessionId) {
    ddb.deleteItem(b -> b.tableName(table).key(key(SESSION_PREFIX + sessionId)));
  }

  @Override
  public Optional<SessionState> sessionState(String sessionId) {
    Map<String, AttributeValue> item = ddb.getItem(b -> b.tableName(table).key(key(SESSION_PREFIX + sessionId))
        .consistentRead(true)).item();
    String state = item == null ? null : str(item, SESSION_STATE);
    return Optional.ofNullable(state).map(SessionState::valueOf);
  }

  @Override
  public boolean claimIncident(String incidentId, AnalysisMode mode, String sessionId, Instant now) {
    String claim = claimAttribute(mode);
    if (claim == null) {
      return true;
    }
    // The TTL only matters for an incident alarm-trigger never wrote (a caller's own id): it must not stay.
    Update u = new Update().set(claim, s(sessionId)).setIfAbsent(TTL, n(now.plus(expiry.sessions()).getEpochSecond()));
    String sid = u.value(s(sessionId));
    return conditional(u.when("attribute_not_exists(" + u.name(claim) + ") OR (" + u.name(SESSION_ID) + " = " + sid
        + " AND " + u.name(claim) + " <> " + sid + ")"), incidentKey(incidentId));
  }

  @Override
  public void releaseIncident(String incidentId, AnalysisMode mode, String sessionId) {
    String claim = claimAttribute(mode);
    if (claim != null) {
      Update u = new Update().remove(claim);
      conditional(u.when(u.name(claim) + " = " + u.value(s(sessionId))), incidentKey(incidentId));
    }
  }

  private static String claimAttribute(AnalysisMode mode) {
    return switch (mode) {
      case ANALYZE -> ANALYSIS_SESSION_ID;
      case RECOVERY -> RECOVERY_SESSION_ID;
      // A related alarm's comment and follow-up are claimed per member and per incident (claimRelatedComment,
      // claimFollowUp), not per session; a command by what it acts on (a plan's approval, the re-analysis limit).
      case RECURRENCE, CORRELATED, COMMAND -> null;
    };
  }

  // --- The incident's progress ---

  @Override
  public Optional<Incident> incident(String incidentId) {
    Map<String, AttributeValue> item = ddb.getItem(b -> b.tableName(table).key(key(incidentKey(incidentId)))
        .consistentRead(true)).item();
    if (item == null || item.isEmpty()) {
      return Optional.empty();
    }
    String status = str(item, STATUS);
    String signals = str(item, EVIDENCE_SIGNALS);
    return Optional.of(new Incident(incidentId, str(item, ALARM_NAME),
        status == null ? null : IncidentStatus.valueOf(status), str(item, SESSION_ID), time(item, ALARM_AT),
        num(item, OCCURRENCES), str(item, LAST_STATE), num(item, ISSUE_NUMBER), str(item, ISSUE_URL),
        time(item, ISSUE_CREATED_AT), time(item, ANALYZED_AT), time(item, RESOLVED_AT), str(item, FAILURE_REASON),
        signals == null || signals.isBlank() ? List.of() : Arrays.asList(signals.split(",")), related(item),
        str(item, CORRELATION), spend(item), alarming(item)));
  }

  @Override
  public Optional<Incident> incidentByIssue(int issueNumber) {
    // KEYS_ONLY index: the query names the incident, the consistent read above returns its current state.
    List<Map<String, AttributeValue>> keys = ddb.query(b -> b.tableName(table).indexName(ISSUE_INDEX)
        .keyConditionExpression("#n = :n").expressionAttributeNames(Map.of("#n", ISSUE_NUMBER))
        .expressionAttributeValues(Map.of(":n", n(issueNumber))).limit(10)).items();
    return keys.stream().map(k -> str(k, PK)).filter(pk -> pk != null && pk.startsWith(INCIDENT_PREFIX))
        .map(pk -> pk.substring(INCIDENT_PREFIX.length())).sorted().findFirst().flatMap(this::incident);
  }

  @Override
  public void markAnalyzing(String incidentId, String sessionId, String alarmName, Instant alarmAt, Instant now) {
    progress(incidentId, now, new Update().set(STATUS, status(IncidentStatus.ANALYZING))
        .set(SESSION_ID, s(sessionId)).set(ALARM_NAME, s(alarmName)).set(ALARM_AT, s(alarmAt.toString())));
  }

  @Override
  public void markIssueOpened(String incidentId, int issueNumber, String url, Instant createdAt) {
    Update u = new Update().set(ISSUE_NUMBER, n(issueNumber)).set(ISSUE_CREATED_AT, s(createdAt.toString()));
    if (url != null) {
      u.set(ISSUE_URL, s(url));
    }
    progress(incidentId, createdAt, u);
  }

  @Override
  public void markAnalyzed(String incidentId, List<String> signals, Instant now) {
    progress(incidentId, now, new Update().set(ANALYZED_AT, s(now.toString()))
        .set(EVIDENCE_SIGNALS, s(String.join(",", signals))));
  }

  @Override
  public void markOpen(String incidentId, Instant now) {
    progress(incidentId, now, new Update().set(STATUS, status(IncidentStatus.OPEN)));
  }

  @Override
  public void markRemediating(String incidentId, Instant now) {
    progress(incidentId, now, new Update().set(STATUS, status(IncidentStatus.RECOVERING)));
  }

  @Override
  public void markRemediationUnconfirmed(String incidentId, String reason, Instant now) {
    progress(incidentId, now, new Update().set(STATUS, status(IncidentStatus.OPEN)).set(FAILURE_REASON, s(reason)));
  }

  @Override
  public void markResolved(String incidentId, Instant resolvedAt, Instant now) {
    progress(incidentId, now, new Update().set(STATUS, status(IncidentStatus.RESOLVED))
        .set(RESOLVED_AT, s(resolvedAt.toString())));
  }

  @Override
  public void markFailed(String incidentId, String reason, Instant now) {
    progress(incidentId, now, new Update().set(STATUS, status(IncidentStatus.FAILED)).set(FAILURE_REASON, s(reason)));
  }

  @Override
  public void markRecurrence(String incidentId, List<String> signals, Instant now) {
    progress(incidentId, now, new Update().set(EVIDENCE_SIGNALS, s(String.join(",", signals)))
        .set(LAST_STATE, s("ALARM")));
  }

  @Override
  public void markRecoveryUnconfirmed(String incidentId, String reason, Instant now) {
    progress(incidentId, now, new Update().set(LAST_STATE, s("OK")).set(FAILURE_REASON, s(reason)));
  }

  // --- The issue body's living parts ---

  @Override
  public void appendChronology(String incidentId, List<ChronologyEntry> entries, Instant now) {
    if (entries.isEmpty()) {
      return;
    }
    // Each entry is a map member written only when absent, so a retried write adds nothing twice. The map itself
    // exists only after the first write: that one creates it whole, and a racing creator falls back to members.
    for (int attempt = 0; attempt < 3; attempt++) {
      Update members = new Update().set(UPDATED_AT, s(now.toString()));
      for (ChronologyEntry e : entries) {
        String path = members.path(CHRONOLOGY, e.key());
        members.setPath(path, members.ifAbsent(path, s(Json.write(e))));
      }
      if (conditional(members.when("attribute_exists(" + members.name(CHRONOLOGY) + ")"), incidentKey(incidentId))) {
        return;
      }
      Map<String, AttributeValue> whole = new java.util.LinkedHashMap<>();
      entries.forEach(e -> whole.putIfAbsent(e.key(), s(Json.write(e))));
      Update create = new Update().set(CHRONOLOGY, AttributeValue.fromM(whole)).set(UPDATED_AT, s(now.toString()));
      if (conditional(create.when("attribute_not_exists(" + create.name(CHRONOLOGY) + ")"), incidentKey(incidentId))) {
        return;
      }
    }
    throw new IllegalStateException("chronology of incident " + incidentId + " did not settle");
  }

  @Override
  public void markIssueStatus(String incidentId, IssueStatus status, Instant now) {
    progress(incidentId, now, new Update().set(ISSUE_STATUS, s(status.name())));
  }

  @Override
  public void markSeverity(String incidentId, Severity severity, String reason, Instant now) {
    Update u = new Update().set(SEVERITY, s(severity.id()));
    progress(incidentId, now, reason == null ? u.remove(SEVERITY_REASON) : u.set(SEVERITY_REASON, s(reason)));
  }

  @Override
  public Chronicle chronicle(String incidentId) {
    Map<String, AttributeValue> item = ddb.getItem(b -> b.tableName(table).key(key(incidentKey(incidentId)))
        .consistentRead(true)).item();
    if (item == null || item.isEmpty()) {
      return Chronicle.EMPTY;
    }
    String status = str(item, ISSUE_STATUS);
    String severity = str(item, SEVERITY);
    return new Chronicle(status == null ? null : IssueStatus.valueOf(status),
        severity == null ? null : Arrays.stream(Severity.values()).filter(v -> v.id().equals(severity)).findFirst()
            .orElse(null),
        str(item, SEVERITY_REASON), chronology(item));
  }

  @Override
  public void keepIssueAlarm(String incidentId, AlarmDetails alarm, Instant now) {
    Update u = new Update().set(ISSUE_ALARM, s(Json.write(alarm))).set(UPDATED_AT, s(now.toString()));
    conditional(u.when("attribute_not_exists(" + u.name(ISSUE_ALARM) + ")"), incidentKey(incidentId));
  }

  @Override
  public void keepAnalysis(String incidentId, AnalysisDigest digest, Instant now) {
    progress(incidentId, now, new Update().set(ANALYSIS_DIGEST, s(Json.write(digest))));
  }

  @Override
  public Optional<AnalysisDigest> analysis(String incidentId) {
    Map<String, AttributeValue> item = ddb.getItem(b -> b.tableName(table).key(key(incidentKey(incidentId)))
        .consistentRead(true)).item();
    String json = item == null ? null : str(item, ANALYSIS_DIGEST);
    if (json == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.read(json, AnalysisDigest.class));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("analysis digest is not readable: " + e.getOriginalMessage(), e);
    }
  }

  @Override
  public Optional<AlarmDetails> issueAlarm(String incidentId) {
    Map<String, AttributeValue> item = ddb.getItem(b -> b.tableName(table).key(key(incidentKey(incidentId)))
        .consistentRead(true)).item();
    String json = item == null ? null : str(item, ISSUE_ALARM);
    if (json == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.read(json, AlarmDetails.class));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("issue alarm is not readable: " + e.getOriginalMessage(), e);
    }
  }

  private static List<ChronologyEntry> chronology(Map<String, AttributeValue> item) {
    AttributeValue map = item.get(CHRONOLOGY);
    if (map == null || !map.hasM()) {
      return List.of();
    }
    List<ChronologyEntry> out = new ArrayList<>();
    for (AttributeValue v : map.m().values()) {
      try {
        out.add(Json.read(v.s(), ChronologyEntry.class));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException("chronology entry is not readable: " + e.getOriginalMessage(), e);
      }
    }
    out.sort(java.util.Comparator.comparing(ChronologyEntry::at).thenComparing(ChronologyEntry::stage)
        .thenComparing(ChronologyEntry::key));
    return out;
  }

  // --- People on the issue ---

  @Override
  public void keepCommandContext(String incidentId, String alarmJson, String topCategory, Instant now) {
    progress(incidentId, now, new Update().set(ALARM_DETAILS, s(alarmJson)).set(TOP_CATEGORY, s(topCategory)));
  }

  @Override
  public Optional<IncidentReview> review(String incidentId) {
    Map<String, AttributeValue> item = ddb.getItem(b -> b.tableName(table).key(key(incidentKey(incidentId)))
        .consistentRead(true)).item();
    if (item == null || item.isEmpty()) {
      return Optional.empty();
    }
    List<Feedback> feedback = new ArrayList<>();
    AttributeValue list = item.get(FEEDBACK);
    if (list != null && list.hasL()) {
      list.l().forEach(v -> feedback.add(readJson(v.s(), Feedback.class, "feedback entry")));
    }
    Long reanalysed = longOrNull(item, LAST_REANALYSIS_AT);
    return Optional.of(new IncidentReview(str(item, ALARM_DETAILS), str(item, TOP_CATEGORY), remediationPlan(item), feedback,
        reanalysed == null ? null : Instant.ofEpochMilli(reanalysed)));
  }

  @Override
  public void awaitApproval(String incidentId, RemediationPlan plan, Instant now) {
    progress(incidentId, now, new Update().set(STATUS, status(IncidentStatus.AWAITING_APPROVAL))
        .set(PLAN, s(Json.write(plan))).set(PLAN_HASH, s(plan.planHash())).set(PLAN_STATE, s(plan.state().name()))
        .set(PLAN_EXPIRES_AT, n(plan.expiresAt().toEpochMilli())).remove(PLAN_DECIDED_BY).remove(PLAN_DECIDED_AT));
  }

  @Override
  public PlanDecision decidePlan(String incidentId, String planHash, RemediationPlan.State decision, String login,
      Instant now) {
    if (decision == RemediationPlan.State.PENDING) {
      throw new IllegalArgumentException("a decision is APPROVED or REJECTED");
    }
    Update u = new Update().set(PLAN_STATE, s(decision.name())).set(PLAN_DECIDED_BY, s(login))
        .set(PLAN_DECIDED_AT, s(now.toString())).set(UPDATED_AT, s(now.toString()));
    if (decision == RemediationPlan.State.APPROVED) {
      u.set(STATUS, status(IncidentStatus.RECOVERING));
    } else {
      u.set(STATUS, status(IncidentStatus.OPEN)).set(FAILURE_REASON, s("remediation plan rejected by " + login));
    }
    u.when(u.name(PLAN_HASH) + " = " + u.value(s(planHash)) + " AND " + u.name(PLAN_STATE) + " = "
        + u.value(s(RemediationPlan.State.PENDING.name())) + " AND " + u.name(PLAN_EXPIRES_AT) + " > "
        + u.value(n(now.toEpochMilli())));
    try {
      Map<String, AttributeValue> after = ddb.updateItem(u.request(table, incidentKey(incidentId)).toBuilder()
          .returnValues(ReturnValue.ALL_NEW)
          .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()).attributes();
      return new PlanDecision.Decided(remediationPlan(after));
    } catch (ConditionalCheckFailedException e) {
      RemediationPlan current = remediationPlan(e.item() == null ? Map.of() : e.item());
      if (current == null) {
        return new PlanDecision.NoPlan();
      }
      if (!current.planHash().equals(planHash)) {
        return new PlanDecision.Superseded(current);
      }
      if (current.state() != RemediationPlan.State.PENDING) {
        return new PlanDecision.AlreadyDecided(current);
      }
      return new PlanDecision.Expired(current);
    }
  }

  @Override
  public Optional<Instant> claimReanalysis(String incidentId, Duration interval, Instant now) {
    Update u = new Update().set(LAST_REANALYSIS_AT, n(now.toEpochMilli())).set(UPDATED_AT, s(now.toString()));
    u.when("attribute_exists(" + u.name(PK) + ") AND (attribute_not_exists(" + u.name(LAST_REANALYSIS_AT) + ") OR "
        + u.name(LAST_REANALYSIS_AT) + " <= " + u.value(n(now.minus(interval).toEpochMilli())) + ")");
    try {
      ddb.updateItem(u.request(table, incidentKey(incidentId)).toBuilder()
          .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build());
      return Optional.empty();
    } catch (ConditionalCheckFailedException e) {
      Long last = e.item() == null ? null : longOrNull(e.item(), LAST_REANALYSIS_AT);
      // No incident item at all: nothing to re-analyse, so never "allowed later".
      return Optional.of(last == null ? Instant.MAX : Instant.ofEpochMilli(last).plus(interval));
    }
  }

  @Override
  public void recordFeedback(String incidentId, Feedback feedback) {
    ddb.updateItem(new Update().set(UPDATED_AT, s(feedback.at().toString()))
        .append(FEEDBACK, s(Json.write(feedback))).request(table, incidentKey(incidentId)));
  }

  /** The stored plan with its decision attributes; null when the item has none. */
  private static RemediationPlan remediationPlan(Map<String, AttributeValue> item) {
    String json = str(item, PLAN);
    if (json == null) {
      return null;
    }
    RemediationPlan p = readJson(json, RemediationPlan.class, "remediation plan");
    String state = str(item, PLAN_STATE);
    return new RemediationPlan(p.planHash(), p.scenario(), p.arguments(), p.createdAt(), p.expiresAt(), p.commentUrl(),
        state == null ? p.state() : RemediationPlan.State.valueOf(state), str(item, PLAN_DECIDED_BY),
        time(item, PLAN_DECIDED_AT));
  }

  private static <T> T readJson(String json, Class<T> type, String what) {
    try {
      return Json.read(json, type);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(what + " is not readable: " + e.getOriginalMessage(), e);
    }
  }

  private static Long longOrNull(Map<String, AttributeValue> item, String name) {
    String v = str(item, name);
    return v == null ? null : Long.valueOf(v);
  }

  // --- Chat threads ---

  @Override
  public Optional<ChatThread> chatThread(String incidentId, String destination) {
    Map<String, AttributeValue> item = ddb.getItem(b -> b.tableName(table).key(key(incidentKey(incidentId)))
        .consistentRead(true).projectionExpression("#t").expressionAttributeNames(Map.of("#t", chatAttribute(destination))))
        .item();
    AttributeValue thread = item == null ? null : item.get(chatAttribute(destination));
    if (thread == null || !thread.hasM() || str(thread.m(), "channel") == null || str(thread.m(), "id") == null) {
      return Optional.empty();
    }
    return Optional.of(new ChatThread(str(thread.m(), "channel"), str(thread.m(), "id")));
  }

  @Override
  public boolean recordChatThread(String incidentId, String destination, ChatThread thread, Instant now) {
    Update u = new Update().set(chatAttribute(destination), AttributeValue.fromM(Map.of("channel", s(thread.channel()),
        "id", s(thread.messageId())))).set(UPDATED_AT, s(now.toString()));
    return conditional(u.when("attribute_exists(" + u.name(PK) + ") AND attribute_not_exists("
        + u.name(chatAttribute(destination)) + ")"), incidentKey(incidentId));
  }

  /** One attribute per destination, so each platform's first message is claimed on its own. */
  private static String chatAttribute(String destination) {
    if (!destination.matches("[a-z]{1,20}")) {
      throw new IllegalArgumentException("chat destination must be lowercase letters, got '" + destination + "'");
    }
    return CHAT_THREAD_PREFIX + destination;
  }

  private void progress(String incidentId, Instant now, Update update) {
    ddb.updateItem(update.set(UPDATED_AT, s(now.toString())).request(table, incidentKey(incidentId)));
  }

  // --- Wire helpers ---

  /** True when the conditional update was applied, false when its condition did not hold. */
  private boolean conditional(Update update, String pk) {
    try {
      ddb.updateItem(update.request(table, pk));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  /** One UpdateItem: SET/ADD/REMOVE clauses and an optional condition, with generated placeholders. */
  private static final class Update {
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, AttributeValue> values = new HashMap<>();
    private final List<String> set = new ArrayList<>();
    private final List<String> add = new ArrayList<>();
    private final List<String> remove = new ArrayList<>();
    private String condition;

    Update set(String attribute, AttributeValue value) {
      set.add(name(attribute) + " = " + value(value));
      return this;
    }

    /** The right-hand side that keeps {@code path}'s value when it has one. */
    String ifAbsent(String path, AttributeValue value) {
      return "if_not_exists(" + path + ", " + value(value) + ")";
    }

    /** Appends one element to a list attribute, creating the list on the first append. */
    Update append(String attribute, AttributeValue element) {
      String list = name(attribute);
      set.add(list + " = list_append(if_not_exists(" + list + ", " + value(AttributeValue.fromL(List.of())) + "), "
          + value(AttributeValue.fromL(List.of(element))) + ")");
      return this;
    }

    Update setIfAbsent(String attribute, AttributeValue value) {
      set.add(name(attribute) + " = if_not_exists(" + name(attribute) + ", " + value(value) + ")");
      return this;
    }

    Update add(String attribute, long amount) {
      add.add(name(attribute) + " " + value(n(amount)));
      return this;
    }

    Update remove(String attribute) {
      remove.add(name(attribute));
      return this;
    }

    /** A map entry's document path; the key (an alarm name) is any string, so it gets its own placeholder. */
    String path(String mapAttribute, String key) {
      String placeholder = "#k" + names.size();
      names.put(placeholder, key);
      return name(mapAttribute) + "." + placeholder;
    }

    Update setPath(String path, AttributeValue value) {
      return setPath(path, value(value));
    }

    Update setPath(String path, String expression) {
      set.add(path + " = " + expression);
      return this;
    }

    Update removePath(String path) {
      remove.add(path);
      return this;
    }

    software.amazon.awssdk.services.dynamodb.model.TransactWriteItem transactItem(String table, String pk) {
      UpdateItemRequest r = request(table, pk);
      return software.amazon.awssdk.services.dynamodb.model.TransactWriteItem.builder().update(u -> u.tableName(table)
          .key(r.key()).updateExpression(r.updateExpression()).conditionExpression(r.conditionExpression())
          .expressionAttributeNames(r.expressionAttributeNames())
          .expressionAttributeValues(r.hasExpressionAttributeValues() ? r.expressionAttributeValues() : null)).build();
    }

    Update when(String condition) {
      this.condition = condition;
      return this;
    }

    String name(String attribute) {
      String placeholder = "#" + attribute;
      names.put(placeholder, attribute);
      return placeholder;
    }

    String value(AttributeValue value) {
      String placeholder = ":v" + values.size();
      values.put(placeholder, value);
      return placeholder;
    }

    UpdateItemRequest request(String table, String pk) {
      List<String> clauses = new ArrayList<>();
      if (!set.isEmpty()) {
        clauses.add("SET " + String.join(", ", set));
      }
      if (!add.isEmpty()) {
        clauses.add("ADD " + String.join(", ", add));
      }
      if (!remove.isEmpty()) {
        clauses.add("REMOVE " + String.join(", ", remove));
      }
      UpdateItemRequest.Builder b = UpdateItemRequest.builder().tableName(table).key(key(pk))
          .updateExpression(String.join(" ", clauses)).conditionExpression(condition)
          .expressionAttributeNames(names);
      if (!values.isEmpty()) {
        b.expressionAttributeValues(values);
      }
      return b.build();
    }
  }

  private static Plan plan(Map<String, AttributeValue> old) {
    if (str(old, SESSION_ID) == null || str(old, INCIDENT_ID) == null || str(old, MODE) == null) {
      return null;
    }
    return new Plan(AnalysisMode.fromId(str(old, MODE)), str(old, INCIDENT_ID), str(old, SESSION_ID));
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

  /** Times are ISO-8601; epoch seconds are read too. */
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

  private static AttributeValue status(IncidentStatus status) {
    return s(status.name());
  }

  private static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  private static AttributeValue n(long v) {
    return AttributeValue.fromN(Long.toString(v));
  }
}
