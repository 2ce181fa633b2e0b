package com.incident.agent.launch;

import com.incident.common.incident.AgentRequest;

/**
 * What the HTTP entry hands to the asynchronous worker: the validated request and the caller's
 * {@code Authorization} header, forwarded to the gateway for this session (Cognito access tokens live at
 * least an hour, longer than any run).
 */
public record WorkerPayload(String kind, AgentRequest request, String authorization) {
  public static final String KIND = "agent-runtime-worker";

  public static WorkerPayload of(AgentRequest request, String authorization) {
    return new WorkerPayload(KIND, request, authorization);
  }
}
