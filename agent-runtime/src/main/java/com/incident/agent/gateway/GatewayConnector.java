package com.incident.agent.gateway;

/** Opens a gateway session for one agent run, authenticated with the agent's own client_credentials token. */
@FunctionalInterface
public interface GatewayConnector {
  Gateway open(String sessionId);
}
