package com.incident.common.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.common.json.Json;

/**
 * The payload the gateway sends to every tool Lambda (modelled on MCP so the gateway stays generic):
 * {@code {"method":"tools/list"}} or
 * {@code {"method":"tools/call","name":..,"arguments":{..},"sessionId":..,"deadlineEpochMs":..}}.
 */
public sealed interface ToolRequest {
  String LIST = "tools/list";
  String CALL = "tools/call";

  ObjectNode toJson();

  record ListTools() implements ToolRequest {
    @Override
    public ObjectNode toJson() {
      return Json.object().put("method", LIST);
    }
  }

  /** A tool call; {@code deadlineEpochMs} is null when the caller set none. */
  record CallTool(String name, ObjectNode arguments, String sessionId, Long deadlineEpochMs) implements ToolRequest {
    @Override
    public ObjectNode toJson() {
      ObjectNode n = Json.object().put("method", CALL).put("name", name);
      n.set("arguments", arguments == null ? Json.object() : arguments);
      if (sessionId != null) {
        n.put("sessionId", sessionId);
      }
      if (deadlineEpochMs != null) {
        n.put("deadlineEpochMs", deadlineEpochMs);
      }
      return n;
    }
  }

  /** Parses a contract payload; a malformed one is a {@link ToolException} with the reason. */
  static ToolRequest parse(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new ToolException("Request must be a JSON object with a 'method' field");
    }
    String method = node.path("method").asText("");
    return switch (method) {
      case LIST -> new ListTools();
      case CALL -> {
        JsonNode name = node.get("name");
        if (name == null || !name.isTextual() || name.asText().isBlank()) {
          throw new ToolException("tools/call requires a non-empty string 'name'");
        }
        JsonNode args = node.get("arguments");
        if (args != null && !args.isNull() && !args.isObject()) {
          throw new ToolException("'arguments' must be a JSON object");
        }
        JsonNode deadline = node.get("deadlineEpochMs");
        if (deadline != null && !deadline.isNull() && !deadline.canConvertToLong()) {
          throw new ToolException("'deadlineEpochMs' must be epoch milliseconds");
        }
        yield new CallTool(name.asText(),
            args == null || args.isNull() ? Json.object() : (ObjectNode) args,
            node.hasNonNull("sessionId") ? node.get("sessionId").asText() : null,
            deadline == null || deadline.isNull() ? null : deadline.asLong());
      }
      default -> throw new ToolException("Unknown method '" + method + "'; expected tools/list or tools/call");
    };
  }
}
