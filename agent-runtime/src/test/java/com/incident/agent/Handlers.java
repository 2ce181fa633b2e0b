package com.incident.agent;

import com.incident.agent.launch.AsyncLauncher;
import com.incident.agent.testing.Harness;
import com.incident.common.auth.TokenVerifier;
import com.incident.common.incident.AnalysisRateLimit;
import com.incident.common.incident.DynamoAnalysisRateLimit;
import com.incident.common.testing.DynamoDbLocal;
import java.time.Duration;

/** The agent's Lambda handler over a harness, with alarm-trigger's default hourly budget in a fresh table. */
final class Handlers {
  private Handlers() {}

  static AgentRuntimeHandler of(Harness h, TokenVerifier verifier, AsyncLauncher launcher) {
    DynamoDbLocal dynamo = DynamoDbLocal.shared();
    AnalysisRateLimit rateLimit = new DynamoAnalysisRateLimit(dynamo.client(), dynamo.newIncidentTable(),
        new AnalysisRateLimit.Limits(3, 10));
    return new AgentRuntimeHandler(new AgentRuntimeHandler.Dependencies(
        new AgentEndpoint(verifier, h.store, rateLimit, launcher, h.clock, h.metrics),
        new AgentWorker(h.store, h.workflow(Harness.settings()), h.clock), Duration.ofSeconds(15)));
  }
}
