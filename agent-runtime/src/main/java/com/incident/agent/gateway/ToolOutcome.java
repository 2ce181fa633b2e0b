package com.incident.agent.gateway;

import com.fasterxml.jackson.databind.JsonNode;

/** A {@code tools/call} result: the joined text blocks, the optional structured content, and isError. */
public record ToolOutcome(String text, JsonNode structured, boolean error) {}
