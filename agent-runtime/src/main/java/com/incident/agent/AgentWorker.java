package com.incident.agent;

import com.incident.agent.core.Deadline;
import com.incident.agent.core.IncidentWorkflow;
import com.incident.agent.launch.WorkerPayload;
import com.incident.store.IncidentStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The asynchronous half: runs one accepted session at most once (Lambda retries async events, the session
 * marker turns a retry into a no-op). The caller's token stayed with the HTTP entry that verified it; the
 * workflow calls the gateway with the agent's own token.
 */
public final class AgentWorker {
  private static final Logger LOG = LoggerFactory.getLogger(AgentWorker.class);

  private final IncidentStore store;
  private final IncidentWorkflow workflow;
  private final Clock clock;

  public AgentWorker(IncidentStore store, IncidentWorkflow workflow, Clock clock) {
    this.store = store;
    this.workflow = workflow;
    this.clock = clock;
  }

  public Optional<IncidentWorkflow.Report> run(WorkerPayload payload, Duration budget) {
    if (payload.request() == null || !AgentEndpoint.validate(payload.request()).isEmpty()) {
      LOG.error("Worker payload rejected: {}", payload.request() == null ? "no request"
          : String.join("; ", AgentEndpoint.validate(payload.request())));
      return Optional.empty();
    }
    String sessionId = payload.request().sessionId();
    if (!store.startSession(sessionId, clock.instant())) {
      LOG.info("Session {} already running or done; skipping this delivery", sessionId);
      return Optional.empty();
    }
    Deadline deadline = Deadline.in(clock, budget);
    try {
      return Optional.of(workflow.run(payload.request(), deadline));
    } finally {
      store.finishSession(sessionId, clock.instant());
    }
  }
}
