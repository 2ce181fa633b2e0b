package com.incident.agent.launch;

import com.incident.common.incident.AgentRequest;

/**
 * What the HTTP entry hands to the asynchronous worker: the validated request, nothing else. No bearer token:
 * an async event outlives any token it could carry and lands in the on-failure queue when the run fails; the
 * worker fetches its own gateway token. Only an IAM-authorised {@code lambda:InvokeFunction} can deliver this
 * event (a Function URL request always arrives wrapped in the v2 envelope, never with a top-level {@code kind}).
 */
public record WorkerPayload(String kind, AgentRequest request) {
  public static final String KIND = "agent-runtime-worker";

  public static WorkerPayload of(AgentRequest request) {
    return new WorkerPayload(KIND, request);
  }
}
