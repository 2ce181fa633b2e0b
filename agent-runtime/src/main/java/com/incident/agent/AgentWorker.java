package com.incident.agent;

import com.incident.agent.core.Deadline;
import com.incident.agent.core.IncidentWorkflow;
import com.incident.agent.launch.WorkerPayload;
import com.incident.agent.records.IncidentRecords;
import com.incident.common.auth.TokenVerifier;
import com.incident.common.auth.UnauthorizedException;
import com.incident.common.auth.VerifiedToken;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The asynchronous half: runs one accepted session at most once (Lambda retries async events, the session
 * marker turns a retry into a no-op). The token is verified again: the worker trusts nothing it did not check.
 */
public final class AgentWorker {
  private static final Logger LOG = LoggerFactory.getLogger(AgentWorker.class);

  private final TokenVerifier verifier;
  private final IncidentRecords records;
  private final IncidentWorkflow workflow;
  private final Clock clock;

  public AgentWorker(TokenVerifier verifier, IncidentRecords records, IncidentWorkflow workflow, Clock clock) {
    this.verifier = verifier;
    this.records = records;
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
    VerifiedToken token;
    try {
      token = verifier.verify(payload.authorization());
    } catch (UnauthorizedException e) {
      LOG.error("Worker for session {} rejected: {}", sessionId, e.getMessage());
      records.finishSession(sessionId, clock.instant());
      return Optional.empty();
    }
    if (!records.startSession(sessionId, clock.instant())) {
      LOG.info("Session {} already running or done; skipping this delivery", sessionId);
      return Optional.empty();
    }
    Deadline deadline = Deadline.in(clock, budget);
    if (token.expiresAt() != null && token.expiresAt().isBefore(deadline.end())) {
      LOG.warn("The session token expires at {} before the run's deadline {}; late gateway calls may be refused",
          token.expiresAt(), deadline.end());
    }
    try {
      return Optional.of(workflow.run(payload.request(), payload.authorization(), deadline));
    } finally {
      records.finishSession(sessionId, clock.instant());
    }
  }
}
