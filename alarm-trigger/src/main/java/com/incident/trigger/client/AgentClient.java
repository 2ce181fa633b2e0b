package com.incident.trigger.client;

import com.incident.common.incident.AgentRequest;

/** Starts an agent session; returns once the endpoint accepted it (it runs asynchronously). */
public interface AgentClient {
  /**
   * @throws StartFailedException the start may succeed later (retry exhausted, credentials refused)
   * @throws AgentRejectedException the agent refused this request for good
   */
  void start(AgentRequest request) throws StartFailedException, AgentRejectedException;
}
