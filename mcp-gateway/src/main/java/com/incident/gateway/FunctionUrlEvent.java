package com.incident.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.common.json.Json;
import com.incident.gateway.core.HttpRequest;
import com.incident.gateway.core.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Function URL (API Gateway HTTP API payload v2.0) events to and from the gateway's HTTP records. */
final class FunctionUrlEvent {
  private FunctionUrlEvent() {}

  /** @throws IllegalArgumentException when the event is not a payload v2.0 HTTP event */
  static HttpRequest request(JsonNode event) {
    JsonNode method = event.path("requestContext").path("http").path("method");
    if (!method.isTextual()) {
      throw new IllegalArgumentException("event has no requestContext.http.method; not a Function URL event");
    }
    Map<String, String> headers = new HashMap<>();
    event.path("headers").properties()
        .forEach(e -> headers.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().asText()));
    JsonNode body = event.get("body");
    String text = body == null || body.isNull() ? null : body.asText();
    if (text != null && event.path("isBase64Encoded").asBoolean(false)) {
      text = new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
    }
    return new HttpRequest(method.asText(), Map.copyOf(headers), text);
  }

  static ObjectNode response(HttpResponse response) {
    ObjectNode out = Json.object().put("statusCode", response.status());
    ObjectNode headers = out.putObject("headers");
    response.headers().forEach(headers::put);
    if (response.body() != null) {
      out.put("body", response.body());
    }
    out.put("isBase64Encoded", false);
    return out;
  }
}
