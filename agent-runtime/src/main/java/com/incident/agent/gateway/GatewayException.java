package com.incident.agent.gateway;

/** The gateway could not be reached or answered outside the MCP protocol. */
public class GatewayException extends Exception {
  public GatewayException(String message) {
    super(message);
  }

  public GatewayException(String message, Throwable cause) {
    super(message, cause);
  }
}
