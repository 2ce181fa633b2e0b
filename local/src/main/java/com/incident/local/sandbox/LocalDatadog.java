package com.incident.local.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.common.json.Json;
import com.incident.common.testing.QueryString;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * The Datadog API endpoints the Datadog tools call, answering from a scenario's {@code datadog} data in the real
 * response shapes (v1 query, v1 events, v1 monitor, v2 spans search). Requests without both key headers get the
 * 403 Datadog sends, so the tools' SSM key handling runs for real.
 */
public final class LocalDatadog implements AutoCloseable {
  public static final String API_KEY = "local-dd-api-key";
  public static final String APP_KEY = "local-dd-app-key";

  private final HttpServer server;
  private final JsonNode data;
  private final Timeline timeline;

  private LocalDatadog(HttpServer server, JsonNode data, Timeline timeline) {
    this.server = server;
    this.data = data;
    this.timeline = timeline;
  }

  public static LocalDatadog start(JsonNode datadog, Timeline timeline) {
    LocalDatadog dd = new LocalDatadog(LocalHttp.start(0), datadog, timeline);
    dd.server.createContext("/", dd::handle);
    dd.server.start();
    return dd;
  }

  public String url() {
    return LocalHttp.url(server) + "/";
  }

  private void handle(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    if (!API_KEY.equals(exchange.getRequestHeaders().getFirst("DD-API-KEY"))
        || !APP_KEY.equals(exchange.getRequestHeaders().getFirst("DD-APPLICATION-KEY"))) {
      LocalHttp.send(exchange, 403, "application/json", "{\"errors\":[\"Forbidden\"]}");
      return;
    }
    QueryString query = QueryString.parse(exchange.getRequestURI().getRawQuery());
    String path = exchange.getRequestURI().getPath();
    JsonNode body = switch (path) {
      case "/api/v1/query" -> metrics(query);
      case "/api/v1/events" -> events();
      case "/api/v1/monitor" -> monitors();
      case "/api/v2/spans/events/search" -> Json.object().set("data", Json.MAPPER.createArrayNode());
      default -> null;
    };
    if (body == null) {
      LocalHttp.send(exchange, 404, "application/json", "{\"errors\":[\"Not found\"]}");
      return;
    }
    LocalHttp.send(exchange, 200, "application/json", Json.write(body));
  }

  /** Only what has happened by the sandbox's present, like the real API. */
  private boolean visible(double minute) {
    return minute <= timeline.present();
  }

  private JsonNode metrics(QueryString query) {
    ObjectNode out = Json.object().put("status", "ok").put("res_type", "time_series").put("query", query.get("query"));
    ArrayNode series = out.putArray("series");
    for (JsonNode m : data.path("metrics")) {
      if (!m.path("query").asText().equals(query.get("query"))) {
        continue;
      }
      ObjectNode s = series.addObject().put("metric", m.path("query").asText()).put("expression", m.path("query").asText())
          .put("scope", "*").put("interval", 60);
      if (m.hasNonNull("unit")) {
        s.putArray("unit").addObject().put("short_name", m.path("unit").asText());
      }
      ArrayNode points = s.putArray("pointlist");
      for (JsonNode p : m.path("points")) {
        if (visible(p.get(0).asDouble())) {
          points.addArray().add(timeline.at(p.get(0).asDouble()).toEpochMilli()).add(p.get(1).asDouble());
        }
      }
    }
    return out;
  }

  private JsonNode events() {
    ObjectNode out = Json.object();
    ArrayNode events = out.putArray("events");
    int id = 1;
    for (JsonNode e : data.path("events")) {
      if (!visible(e.path("minute").asDouble())) {
        continue;
      }
      Instant at = timeline.at(e.path("minute").asDouble());
      ObjectNode event = events.addObject().put("id", id++).put("title", e.path("title").asText())
          .put("text", e.path("text").asText("")).put("date_happened", at.getEpochSecond())
          .put("alert_type", e.path("alertType").asText("info")).put("priority", "normal")
          .put("source_type_name", "incident-local");
      event.set("tags", e.path("tags").isArray() ? e.path("tags") : Json.MAPPER.createArrayNode());
    }
    return out;
  }

  private JsonNode monitors() {
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (JsonNode m : data.path("monitors")) {
      ObjectNode monitor = out.addObject().put("id", m.path("id").asLong()).put("name", m.path("name").asText())
          .put("overall_state", m.path("state").asText()).put("type", "metric alert").put("query", m.path("query").asText(""))
          .put("overall_state_modified", timeline.at(0).toString());
      monitor.set("tags", m.path("tags").isArray() ? m.path("tags") : Json.MAPPER.createArrayNode());
    }
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
  }

  /** The keys it accepts, for the demo's check that no secret leaks into issues, logs or model input. */
  public static List<String> secrets() {
    return List.of(API_KEY, APP_KEY);
  }
}
