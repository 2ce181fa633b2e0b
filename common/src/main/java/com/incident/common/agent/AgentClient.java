package com.incident.common.agent;

import com.incident.common.incident.AgentRequest;
import java.time.Instant;

/**
 * Starts an agent session; returns once the endpoint accepted it (it runs asynchronously). Shared by the functions
 * that start sessions: alarm-trigger (alarms) and github-webhook (issue commands).
 */
public interface AgentClient {
  /**
   * @param deadline when the calling function must stop retrying (its Lambda deadline less a margin)
   * @throws StartFailedException the start may succeed later (retry exhausted, credentials refused)
   * @throws AgentRejectedException the agent refused this request for good
   */
  void start(AgentRequest request, Instant deadline) throws StartFailedException, AgentRejectedException;
}
