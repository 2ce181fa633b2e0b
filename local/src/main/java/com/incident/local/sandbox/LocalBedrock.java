package com.incident.local.sandbox;

import com.incident.agent.core.ModelLabel;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.common.json.Json;
import com.incident.local.scenario.Scenario;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Amazon Bedrock's Converse API on 127.0.0.1 (POST /model/{id}/converse, the JSON the SDK sends and parses), so
 * agent-runtime's real Bedrock client and tool-use loop run unchanged. Every request body is kept: the suite checks
 * what reached "the model" (redaction, evidence size).
 *
 * <ul>
 *   <li>{@link Mode#OFFLINE}: refuses every call (403), so the rule-based analyzer writes the analysis;</li>
 *   <li>{@link Mode#UNAVAILABLE}: Bedrock is down (503 on every call, every retry);</li>
 *   <li>{@link Mode#SCRIPTED}: a scripted Claude: one evidence tool call, then {@code submit_analysis} with the
 *   scenario's expected cause, in Korean.</li>
 * </ul>
 */
public final class LocalBedrock implements AutoCloseable {
  public enum Mode { OFFLINE, UNAVAILABLE, SCRIPTED }

  public static final String OFFLINE_MODEL_ID = ModelLabel.FIXTURE_PREFIX + "offline";
  static final String TOOL_USE_PREFIX = "tooluse_sandbox_";
  public static final String SCRIPTED_MODEL_ID = ModelLabel.FIXTURE_PREFIX + "scripted-claude";

  private final HttpServer server;
  private final Mode mode;
  private final Scenario scenario;
  private final List<String> requests = new CopyOnWriteArrayList<>();

  private LocalBedrock(HttpServer server, Mode mode, Scenario scenario) {
    this.server = server;
    this.mode = mode;
    this.scenario = scenario;
  }

  public static LocalBedrock start(Mode mode, Scenario scenario) {
    LocalBedrock b = new LocalBedrock(LocalHttp.start(0), mode, scenario);
    b.server.createContext("/", b::handle);
    b.server.start();
    return b;
  }

  public String url() {
    return LocalHttp.url(server);
  }

  public String modelId() {
    return mode == Mode.SCRIPTED ? SCRIPTED_MODEL_ID : OFFLINE_MODEL_ID;
  }

  /** Every Converse request body received, in order. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    if (!"POST".equals(exchange.getRequestMethod()) || !exchange.getRequestURI().getPath().endsWith("/converse")) {
      error(exchange, 404, "UnknownOperationException", "the sandbox's Bedrock serves Converse only");
      return;
    }
    requests.add(body);
    switch (mode) {
      case OFFLINE -> error(exchange, 403, "AccessDeniedException",
          "incident-local runs with --model offline: no model is called, the rule-based analyzer answers");
      case UNAVAILABLE -> error(exchange, 503, "ServiceUnavailableException", "Bedrock is unavailable (scenario)");
      case SCRIPTED -> {
        JsonNode request = Json.MAPPER.readTree(body);
        if (!scenario.model().available()) {
          error(exchange, 503, "ServiceUnavailableException", "Bedrock is unavailable (scenario " + scenario.name() + ")");
          return;
        }
        ObjectNode reply = reply(request, body.length());
        LocalHttp.send(exchange, 200, "application/json", Json.write(reply));
      }
    }
  }

  private ObjectNode reply(JsonNode request, int requestBytes) {
    // agent-runtime prefills the conversation with its own evidence calls; the script looks for answers to its own.
    boolean answered = request.path("messages").valueStream().flatMap(m -> m.path("content").valueStream())
        .anyMatch(c -> c.path("toolResult").path("toolUseId").asText("").startsWith(TOOL_USE_PREFIX));
    boolean offered = request.path("toolConfig").path("tools").valueStream()
        .anyMatch(t -> "opensearch-search-logs".equals(t.path("toolSpec").path("name").asText()));
    ObjectNode response = Json.object();
    ObjectNode message = response.putObject("output").putObject("message").put("role", "assistant");
    ArrayNode content = message.putArray("content");
    if (!answered && offered) {
      content.addObject().put("text", "오류 로그를 추가로 확인하겠습니다.");
      ObjectNode use = content.addObject().putObject("toolUse").put("toolUseId", TOOL_USE_PREFIX + UUID.randomUUID())
          .put("name", "opensearch-search-logs");
      use.putObject("input").put("index", "eks-app-logs").put("query", "level:ERROR OR level:WARN").put("hours", 1)
          .put("size", 20);
      response.put("stopReason", "tool_use");
    } else {
      content.addObject().put("text", "증거를 바탕으로 분석 결과를 제출합니다.");
      content.addObject().putObject("toolUse").put("toolUseId", "tooluse_" + UUID.randomUUID())
          .put("name", "submit_analysis").set("input", analysis());
      response.put("stopReason", "tool_use");
    }
    int out = Json.write(content).length() / 4;
    response.putObject("usage").put("inputTokens", requestBytes / 4).put("outputTokens", out)
        .put("totalTokens", requestBytes / 4 + out);
    response.putObject("metrics").put("latencyMs", 1);
    return response;
  }

  /** The scripted model's answer: the scenario's expected cause and remediation, in Korean. */
  ObjectNode analysis() {
    Scenario.Expected e = scenario.expected();
    String label = e.rootCauseCategory().koreanLabel();
    ObjectNode a = Json.object()
        .put("summary", "스크립트된 모델의 분석 결과, 가장 가능성이 높은 원인은 '" + label + "'입니다. 알람 " + scenario.alarmName()
            + "의 지표와 로그가 이를 뒷받침합니다.")
        .put("incidentType", "performance-degradation");
    a.putArray("affectedComponents").add(scenario.alarmName());
    a.putArray("techStack").add("Amazon EKS").add("Java");
    ObjectNode cause = a.putArray("causes").addObject().put("title", label).put("category", e.rootCauseCategory().id())
        .put("probability", 0.8).put("description", "수집된 지표와 로그에서 '" + label + "' 패턴이 확인되었습니다.");
    cause.putArray("evidence").addObject().put("source", "opensearch-search-logs").put("signal", "error/warn logs")
        .put("observation", "알람 시점 전후로 관련 오류 로그가 집중됨");
    a.putArray("timeline").addObject().put("time", java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString())
        .put("event", "알람 발생 후 분석 시작");
    a.putArray("immediateActions").add("영향받은 워크로드의 상태를 확인하고 필요하면 롤백합니다.");
    a.putArray("longTermImprovements").add("같은 유형의 장애를 조기에 감지하도록 알람과 대시보드를 보강합니다.");
    a.putObject("remediation").put("scenario", e.remediation().id())
        .put("rationale", "시나리오 파일이 기대하는 원인은 '" + label + "'이고, "
            + (e.remediation().id().equals("none") ? "자동 복구 대상이 아닙니다." : "자동 복구 대상입니다."));
    return a;
  }

  private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
    LocalHttp.send(exchange, status, Map.of("Content-Type", "application/json", "x-amzn-ErrorType", type),
        Json.write(Map.of("message", message)).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
