package com.incident.agent.gateway;

import com.fasterxml.jackson.databind.JsonNode;

/** A tool as listed by the gateway's {@code tools/list}. */
public record GatewayTool(String name, String description, JsonNode inputSchema) {}
