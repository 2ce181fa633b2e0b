package com.incident.trigger;

import com.incident.common.incident.AgentRequest;
import com.incident.common.incident.AlarmDetails;
import com.incident.common.incident.AnalysisMode;
import com.incident.common.incident.AnalysisRateLimit;
import com.incident.common.obs.LambdaLogging;
import com.incident.common.obs.MetricsSink;
import com.incident.common.redact.Redactor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.incident.common.incident.InputLimits;
import com.incident.common.json.Json;
import com.incident.store.Correlated;
import com.incident.store.DeliveryClaim;
import com.incident.store.DeliveryOutcome;
import com.incident.store.IncidentStore;
import com.incident.store.Plan;
import com.incident.common.agent.AgentClient;
import com.incident.common.agent.AgentRejectedException;
import com.incident.common.agent.StartFailedException;
import com.incident.trigger.core.Action;
import com.incident.trigger.core.AlarmParser;
import com.incident.trigger.core.AlarmScopes;
import com.incident.trigger.core.PromptBuilder;
import com.incident.trigger.core.RecordOutcome;
import com.incident.trigger.core.RejectedException;
import com.incident.trigger.core.SessionIds;
import com.incident.trigger.core.SnsEvents;
import com.incident.trigger.core.SnsRecord;
import com.incident.trigger.core.TriggerResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each SNS record into at most one agent session. Order per record: parse and validate, claim the
 * MessageId (dedup), decide from the alarm's open incident, plan, start, confirm. Input that can never succeed
 * (malformed, implausible, too big for a key, or refused by the agent with a 4xx) is recorded as rejected with
 * its reason, logged at WARN, counted in {@code InputRejected}, and never asks for redelivery. A record whose
 * session could not be started for a passing reason (throttling, 5xx, timeout) is marked failed and reported
 * for redelivery; the redelivery resumes the same planned session instead of deciding again.
 */
public final class TriggerService {
  /** Time kept after the last retry for recording a failed start (a few conditional writes). */
  static final Duration RECORDING_MARGIN = Duration.ofSeconds(3);

  public static final String ACTOR = "alarm-trigger";
  private static final Logger LOG = LoggerFactory.getLogger(TriggerService.class);

  private final Config config;
  private final IncidentStore store;
  private final AnalysisRateLimit rateLimit;
  private final AgentClient agent;
  private final Clock clock;
  private final Supplier<UUID> ids;
  private final MetricsSink metrics;

  public TriggerService(Config config, IncidentStore store, AnalysisRateLimit rateLimit, AgentClient agent,
      Clock clock, Supplier<UUID> ids, MetricsSink metrics) {
    this.config = config;
    this.store = store;
    this.rateLimit = rateLimit;
    this.agent = agent;
    this.clock = clock;
    this.ids = ids;
    this.metrics = metrics;
  }

  /**
   * Handles one SNS event. {@code remaining} is the invocation's time left (null when unknown): starting the agent
   * stops retrying {@link #RECORDING_MARGIN} before it ends, so the failure is recorded and SNS redelivers instead of
   * the function timing out mid-write.
   */
  public List<RecordOutcome> handle(String eventJson, Duration remaining) {
    Instant deadline = remaining == null ? Instant.MAX : clock.instant().plus(remaining).minus(RECORDING_MARGIN);
    List<SnsEvents.Entry> entries;
    try {
      entries = SnsEvents.parse(eventJson);
    } catch (RejectedException e) {
      return List.of(count(rejected("event", new TriggerResult(SnsEvents.digestId(eventJson), null, null,
          Action.REJECTED, null, e.getMessage()))));
    }
    List<RecordOutcome> outcomes = new ArrayList<>();
    for (SnsEvents.Entry entry : entries) {
      if (entry.rejection() != null) {
        outcomes.add(count(rejected("record", new TriggerResult(entry.messageId(), null, null, Action.REJECTED,
            null, entry.rejection()))));
      } else {
        outcomes.add(count(handle(entry.record(), deadline)));
      }
    }
    return outcomes;
  }

  RecordOutcome handle(SnsRecord record, Instant deadline) {
    AlarmDetails alarm;
    try {
      alarm = AlarmParser.parse(record.message(), record.timestamp(), clock.instant());
    } catch (RejectedException e) {
      return rejected("alarm", new TriggerResult(record.messageId(), null, null, Action.REJECTED, null,
          e.getMessage()));
    }
    Plan plan = null;
    try {
      Instant now = clock.instant();
      DeliveryClaim claim = store.claimDelivery(record.messageId(), now, now.plus(config.claimLease()));
      return switch (claim) {
        case DeliveryClaim.Handled h -> RecordOutcome.done(result(record, alarm, Action.DUPLICATE, h.sessionId(),
            "message already handled: " + h.action() + (h.reason() == null ? "" : " (" + h.reason() + ")")));
        case DeliveryClaim.Busy b -> {
          String reason = "another delivery of this message is being processed";
          yield new RecordOutcome(result(record, alarm, Action.DUPLICATE, null, reason), reason);
        }
        case DeliveryClaim.Resume r when r.plan().mode() == AnalysisMode.ANALYZE
            && !store.ownsAnalysis(r.plan().incidentId(), r.plan().sessionId(), now) ->
            finish(record, result(record, alarm, Action.DUPLICATE, r.plan().sessionId(), "analysis of incident "
                + r.plan().incidentId() + " was taken over by a later alarm"));
        case DeliveryClaim.Resume r -> {
          plan = r.plan();
          LOG.info("Resuming {} session {} for incident {} after an earlier failed delivery", plan.mode().id(),
              plan.sessionId(), plan.incidentId());
          yield start(record, alarm, plan, "resumed after an earlier failed delivery", deadline);
        }
        case DeliveryClaim.Fresh f -> decide(record, alarm, now, deadline);
      };
    } catch (RuntimeException e) {
      // Store or SDK trouble: nothing was confirmed, so the delivery must come back.
      String reason = "internal error " + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage());
      LOG.error("Processing SNS message {} for alarm {} failed: {}", record.messageId(), alarm.alarmName(),
          Redactor.DEFAULT.redact(reason));
      return new RecordOutcome(result(record, alarm, Action.SKIPPED, plan == null ? null : plan.sessionId(),
          reason + "; SNS will redeliver"), reason);
    }
  }

  private RecordOutcome decide(SnsRecord record, AlarmDetails alarm, Instant now, Instant deadline) {
    String name = alarm.alarmName();
    String sessionId = SessionIds.forAlarm(name, ids.get());
    Plan plan;
    String note;
    switch (alarm.newState()) {
      case "ALARM" -> {
        if (config.correlates() && store.openIncidentId(name).isEmpty()) {
          Correlated c = store.correlate(AlarmScopes.of(alarm), Json.write(alarm), ids.get().toString(), sessionId,
              config.correlationWindow(), now);
          if (c instanceof Correlated.Joined j) {
            // Decided once: the joined incident's own session comments and, at most once per incident, re-analyses.
            metric("AlarmsCorrelated", Map.of());
            plan = new Plan(AnalysisMode.CORRELATED, j.incidentId(), sessionId);
            store.planDelivery(record.messageId(), plan, now);
            return start(record, alarm, plan, "joined related incident " + j.incidentId() + ": "
                + j.related().reason(), deadline);
          }
          if (c instanceof Correlated.Opened o) {
            Optional<String> limited = rateLimit.acquire(name, sessionId, now);
            if (limited.isPresent()) {
              // Not analysed means no incident: closed at once, so later related alarms do not join an empty one.
              store.markRejected(new Plan(AnalysisMode.ANALYZE, o.incidentId(), sessionId), name, limited.get(), now);
              LOG.warn("Alarm {} not analysed: {}", name, limited.get());
              return finish(record, result(record, alarm, Action.SKIPPED, null, limited.get()));
            }
            plan = new Plan(AnalysisMode.ANALYZE, o.incidentId(), sessionId);
            store.planDelivery(record.messageId(), plan, now);
            return start(record, alarm, plan, "new incident " + o.incidentId() + " (" + o.reason() + ")", deadline);
          }
          // AlreadyOpen: the alarm's own episode decides below (a recurrence).
        }
        Optional<String> limited = rateLimit.acquire(name, sessionId, now);
        if (limited.isPresent()) {
          store.openIncidentId(name).ifPresent(id -> store.recordOccurrence(id, "ALARM", now));
          LOG.warn("Alarm {} not analysed: {}", name, limited.get());
          return finish(record, result(record, alarm, Action.SKIPPED, null, limited.get()));
        }
        String candidate = ids.get().toString();
        IncidentStore.Episode episode = store.openOrJoin(name, candidate, sessionId, alarm.stateChangeTime(), now);
        String incidentId = episode.incidentId();
        if (episode.opened()) {
          plan = new Plan(AnalysisMode.ANALYZE, incidentId, sessionId);
          note = "new incident " + incidentId;
        } else if (store.recordOccurrence(incidentId, "ALARM", now)
            && store.takeOverAnalysis(incidentId, sessionId, now)) {
          // A recurrence would comment on an issue that does not exist; analyse the open incident instead.
          plan = new Plan(AnalysisMode.ANALYZE, incidentId, sessionId);
          note = "analysis of open incident " + incidentId + " never started; analysing it now";
        } else {
          plan = new Plan(AnalysisMode.RECURRENCE, incidentId, sessionId);
          note = "alarm fired again while incident " + incidentId + " is open";
        }
      }
      case "OK" -> {
        Optional<String> open = store.openIncidentId(name);
        if (open.isEmpty()) {
          return finish(record, result(record, alarm, Action.SKIPPED, null, "OK with no open incident"));
        }
        IncidentStore.EpisodeEnd end = store.endEpisode(name, open.get(), now);
        if (end == IncidentStore.EpisodeEnd.ALREADY_ENDED) {
          return finish(record, result(record, alarm, Action.SKIPPED, null,
              "incident " + open.get() + " was already closed by another delivery"));
        }
        if (end == IncidentStore.EpisodeEnd.WAITING_FOR_RELATED) {
          return finish(record, result(record, alarm, Action.SKIPPED, null, "alarm OK; incident " + open.get()
              + " waits until its related alarms are OK too"));
        }
        plan = new Plan(AnalysisMode.RECOVERY, open.get(), sessionId);
        note = "alarm recovered; verifying incident " + open.get();
      }
      default -> {
        Optional<String> open = store.openIncidentId(name);
        open.ifPresent(id -> store.recordOccurrence(id, alarm.newState(), now));
        return finish(record, result(record, alarm, Action.SKIPPED, null, open
            .map(id -> alarm.newState() + " while incident " + id + " is open; waiting for ALARM or OK")
            .orElse(alarm.newState() + " with no open incident")));
      }
    }
    store.planDelivery(record.messageId(), plan, now);
    return start(record, alarm, plan, note, deadline);
  }

  /**
   * Undoes a wrong grouping: moves {@code alarmName}, which joined a related incident, to a new incident of its own
   * and starts that incident's analysis. Reached by a direct invocation {@code {"action":"split","alarmName":...}}
   * (docs/operations.md); recorded like a delivery under {@code split-<new incident id>}.
   */
  public RecordOutcome split(String alarmName, Duration remaining) {
    Instant now = clock.instant();
    Instant deadline = remaining == null ? Instant.MAX : now.plus(remaining).minus(RECORDING_MARGIN);
    Optional<String> problem = alarmName == null ? Optional.of("alarmName is required")
        : InputLimits.alarmNameProblem("alarmName", alarmName);
    if (problem.isPresent()) {
      return RecordOutcome.done(new TriggerResult(null, alarmName, null, Action.REJECTED, null, problem.get()));
    }
    String newIncidentId = ids.get().toString();
    String sessionId = SessionIds.forAlarm(alarmName, ids.get());
    Optional<IncidentStore.Split> split;
    try {
      split = store.split(alarmName, newIncidentId, sessionId, now);
    } catch (IllegalArgumentException e) {
      return RecordOutcome.done(new TriggerResult(null, alarmName, null, Action.REJECTED, null, e.getMessage()));
    }
    if (split.isEmpty()) {
      return RecordOutcome.done(new TriggerResult(null, alarmName, null, Action.SKIPPED, null,
          "alarm " + alarmName + " has no open incident to split from"));
    }
    AlarmDetails alarm;
    try {
      alarm = Json.read(split.get().alarm().alarm(), AlarmDetails.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored details of " + alarmName + " are not readable", e);
    }
    SnsRecord record = new SnsRecord("split-" + newIncidentId, Json.write(alarm), now.toString());
    store.claimDelivery(record.messageId(), now, now.plus(config.claimLease()));
    Plan plan = new Plan(AnalysisMode.ANALYZE, newIncidentId, sessionId);
    store.planDelivery(record.messageId(), plan, now);
    metric("AlarmsSplit", Map.of());
    RecordOutcome started = start(record, alarm, plan, "split from incident " + split.get().fromIncidentId()
        + " into new incident " + newIncidentId, deadline);
    TriggerResult r = started.result();
    return new RecordOutcome(new TriggerResult(r.messageId(), r.alarmName(), r.state(),
        r.action() == Action.STARTED ? Action.SPLIT : r.action(), r.sessionId(), r.reason()), started.retryReason());
  }

  private RecordOutcome start(SnsRecord record, AlarmDetails alarm, Plan plan, String note, Instant deadline) {
    Instant now = clock.instant();
    AgentRequest request = new AgentRequest(plan.sessionId(), ACTOR, plan.mode(), plan.incidentId(), alarm,
        PromptBuilder.build(alarm, plan.mode(), plan.incidentId()), now);
    AutoCloseable logScope = LambdaLogging.session(plan.sessionId());
    try {
      try {
        agent.start(request, deadline);
      } catch (StartFailedException e) {
        String reason = e.getMessage();
        LOG.error("Session {} ({}) for alarm {} not started: {}", plan.sessionId(), plan.mode().id(),
            alarm.alarmName(), Redactor.DEFAULT.redact(reason));
        store.markStartFailed(plan.incidentId(), plan.mode(), reason, now);
        store.failDelivery(record.messageId(), plan, reason, now);
        metric("SessionStartFailed", Map.of("mode", plan.mode().id()));
        return new RecordOutcome(result(record, alarm, action(plan), plan.sessionId(),
            "session not started: " + reason + "; SNS will redeliver"), reason);
      } catch (AgentRejectedException e) {
        String reason = e.getMessage();
        LOG.warn("Rejected SNS message {}: {}", record.messageId(), reason);
        if (!e.conflict()) {
          store.markRejected(plan, alarm.alarmName(), reason, now);
        }
        metric("InputRejected", Map.of("stage", "agent"));
        return finish(record, result(record, alarm, Action.REJECTED, plan.sessionId(), reason));
      }
      store.markStarted(plan.incidentId(), plan.mode(), plan.sessionId(), now);
      LOG.info("Started {} session {} for alarm {}: {}", plan.mode().id(), plan.sessionId(), alarm.alarmName(), note);
      return finish(record, result(record, alarm, action(plan), plan.sessionId(), note));
    } finally {
      closeQuietly(logScope);
    }
  }

  private static void closeQuietly(AutoCloseable scope) {
    try {
      scope.close();
    } catch (Exception e) {
      // Restoring the MDC cannot fail; the signature is AutoCloseable's.
    }
  }

  /**
   * A record rejected before it was claimed: stored under its message id (a digest when it has no usable one)
   * so the rejection is visible in the table. Only failing to store it asks for redelivery.
   */
  private RecordOutcome rejected(String stage, TriggerResult result) {
    LOG.warn("Rejected SNS {} {}: {}", stage, result.messageId(), Redactor.DEFAULT.redact(result.reason()));
    metric("InputRejected", Map.of("stage", stage));
    try {
      store.rejectDelivery(result.messageId(), outcome(result), clock.instant());
    } catch (RuntimeException e) {
      String reason = "internal error " + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage());
      LOG.error("Recording the rejection of {} failed: {}", result.messageId(), reason);
      return new RecordOutcome(result, reason);
    }
    return RecordOutcome.done(result);
  }

  private RecordOutcome finish(SnsRecord record, TriggerResult result) {
    store.completeDelivery(record.messageId(), outcome(result), clock.instant());
    if (result.action() == Action.SKIPPED) {
      LOG.info("Skipped alarm {} ({}): {}", result.alarmName(), result.state(), Redactor.DEFAULT.redact(result.reason()));
    }
    return RecordOutcome.done(result);
  }

  private RecordOutcome count(RecordOutcome outcome) {
    metric("AlarmRecords", Map.of("action", outcome.result().action().id()));
    return outcome;
  }

  // MetricsSink.record never throws: a metrics backend problem cannot cost an alarm.
  private void metric(String name, Map<String, String> dimensions) {
    metrics.record(name, 1, MetricsSink.Unit.COUNT, dimensions);
  }

  /** What starting a plan's session is called in the results: the action follows from the mode. */
  private static Action action(Plan plan) {
    return switch (plan.mode()) {
      case ANALYZE -> Action.STARTED;
      case RECURRENCE -> Action.RECURRENCE;
      case RECOVERY -> Action.RECOVERY;
      case CORRELATED -> Action.CORRELATED;
      case COMMAND -> throw new IllegalStateException("an alarm never plans a command session");
    };
  }

  private static DeliveryOutcome outcome(TriggerResult result) {
    return new DeliveryOutcome(result.action().id(), result.alarmName(), result.sessionId(), result.reason());
  }

  private static TriggerResult result(SnsRecord record, AlarmDetails alarm, Action action, String sessionId,
      String reason) {
    return new TriggerResult(record.messageId(), alarm.alarmName(), alarm.newState(), action, sessionId, reason);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    String line = nl < 0 ? message : message.substring(0, nl);
    return line.length() > 200 ? line.substring(0, 200) : line;
  }
}
