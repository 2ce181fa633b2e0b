package com.incident.agent.gateway;

/** Opens a gateway session for one agent run, authenticated with the token the agent itself was called with. */
@FunctionalInterface
public interface GatewayConnector {
  Gateway open(String authorizationHeader, String sessionId);
}
