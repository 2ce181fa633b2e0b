package com.incident.agent.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;

/** The MCP gateway as the agent sees it: one session, already authenticated with the caller's token. */
public interface Gateway {

  List<GatewayTool> listTools() throws GatewayException;

  /** A tool failure is an {@link ToolOutcome#error()} outcome; only transport/protocol failures throw. */
  ToolOutcome call(String toolName, JsonNode arguments, Duration timeout) throws GatewayException;
}
