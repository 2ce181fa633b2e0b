package com.incident.trigger.client;

import com.incident.common.incident.AgentRequest;

/** Starts an agent session; returns once the endpoint accepted it (it runs asynchronously). */
public interface AgentClient {
  void start(AgentRequest request) throws StartFailedException;
}
