package com.incident.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.common.json.Json;
import com.incident.common.lambda.FunctionUrl;
import com.incident.common.testing.DynamoDbLocal;
import com.incident.common.tool.ToolNames;
import com.incident.local.bench.Bench;
import com.incident.local.bench.ColdStartProbe;
import com.incident.local.sandbox.LocalCognito;
import com.incident.local.sandbox.LocalSsm;
import com.incident.store.DynamoIncidentStore;
import com.incident.webhook.core.Signature;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every deployable jar, exactly as `sam build` ships it, starts in a fresh JVM with only its own classpath, builds
 * its handler from the template's environment and answers a request that needs no network. Catches what unit tests
 * on the reactor classpath cannot: classes missing from the shaded jar, multi-release stubs, service files.
 */
class LambdaJarSmokeTest {
  static final Map<String, String> MODULES = Map.of(
      "AlarmTriggerFunction", "alarm-trigger",
      "AgentRuntimeFunction", "agent-runtime",
      "McpGatewayFunction", "mcp-gateway",
      "ContainerInsightToolFunction", "tools-container-insight",
      "OpenSearchToolFunction", "tools-opensearch",
      "DatadogToolFunction", "tools-datadog",
      "GitHubToolFunction", "tools-github",
      "ChaosToolFunction", "tools-chaos",
      "KubernetesToolFunction", "tools-kubernetes",
      "GitHubWebhookFunction", "github-webhook");

  private static final String WEBHOOK_SECRET_PARAM = "/app/incident/github/webhook-secret";

  /** log4j's DefaultConfiguration pattern, e.g. "03:15:28.123 [main] ERROR com.incident.X - ...". */
  private static final Pattern PLAIN_LOG4J_LINE = Pattern.compile("^\\d{2}:\\d{2}:\\d{2}\\.\\d{3} \\[");

  @TempDir
  Path tmp;

  @Test
  void everyLambdaJarInitialisesAndAnswersFromItsOwnClasspath() throws Exception {
    SamTemplate template = SamTemplate.load(Repo.ROOT.resolve("template.yaml"), "us-west-2");
    JsonNode envFile = Json.tree(Files.readString(Repo.ROOT.resolve("local/env.json")));
    Path probeClasses = Bench.extractProbe(tmp);
    Map<String, String> outcomes = new LinkedHashMap<>();
    for (Map.Entry<String, String> f : MODULES.entrySet()) {
      Path jar = Repo.ROOT.resolve(f.getValue()).resolve("target").resolve(f.getValue() + "-lambda.jar");
      assertThat(jar).as("deployable jar of %s (built by `package` before this module's tests)", f.getKey()).isRegularFile();
      SamTemplate.FunctionSpec spec = template.function(f.getKey()).orElseThrow();
      outcomes.put(f.getKey(), probe(jar, probeClasses, spec, environment(spec, envFile), event(f.getKey())));
    }
    assertThat(outcomes).containsEntry("AlarmTriggerFunction", "ok")
        .containsEntry("AgentRuntimeFunction", "HTTP_401")
        .containsEntry("McpGatewayFunction", "HTTP_401")
        .containsEntry("ContainerInsightToolFunction", "ok")
        .containsEntry("OpenSearchToolFunction", "ok")
        .containsEntry("DatadogToolFunction", "ok")
        .containsEntry("GitHubToolFunction", "ok")
        .containsEntry("ChaosToolFunction", "ok")
        .containsEntry("KubernetesToolFunction", "ok")
        .containsEntry("GitHubWebhookFunction", "HTTP_405");
  }

  /** What one cold start printed: the probe's outcome and every line the function wrote to stderr. */
  record Run(String outcome, List<String> stderr) {}

  private String probe(Path jar, Path probeClasses, SamTemplate.FunctionSpec spec, Map<String, String> env, Path event)
      throws Exception {
    return run(jar, probeClasses, spec, env, event, List.of()).outcome();
  }

  private Run run(Path jar, Path probeClasses, SamTemplate.FunctionSpec spec, Map<String, String> env, Path event,
      List<String> systemProperties) throws Exception {
    String name = spec.logicalId() + "-" + event.getFileName();
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(javaBin, "-Daws.region=us-west-2", "-Daws.accessKeyId=smoke",
        "-Daws.secretAccessKey=smoke"));
    command.addAll(systemProperties);
    command.addAll(List.of("-cp", jar + java.io.File.pathSeparator + probeClasses, ColdStartProbe.class.getName(),
        spec.handlerClass(), event.toString()));
    Path stderr = tmp.resolve(name + ".err");
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
    // The function's variables in the process environment, as in Lambda: its constructor reads them there, and
    // LOG_LEVEL is what log4j2.xml reads.
    builder.environment().putAll(env);
    builder.environment().put("LOG_LEVEL", env.getOrDefault("LOG_LEVEL", "INFO"));
    Process p = builder.start();
    String out = new String(p.getInputStream().readAllBytes()).trim();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(spec.logicalId()).isTrue();
    int at = out.lastIndexOf("outcome=");
    assertThat(at).as("%s printed %s; stderr in %s", spec.logicalId(), out, tmp).isNotNegative();
    return new Run(out.substring(at + "outcome=".length()), Files.readAllLines(stderr));
  }

  private static Map<String, String> environment(SamTemplate.FunctionSpec spec, JsonNode envFile) {
    Map<String, String> env = new LinkedHashMap<>(spec.environment());
    for (String section : List.of("Parameters", spec.logicalId())) {
      envFile.path(section).properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
    }
    env.put("POWERTOOLS_METRICS_NAMESPACE", "IncidentSuite");
    return env;
  }

  /** An event each function answers without reaching any backend. */
  private Path event(String logicalId) throws Exception {
    return switch (logicalId) {
      case "AlarmTriggerFunction" -> write("sns-empty.json", "{\"Records\":[]}");
      case "GitHubWebhookFunction" -> {
        // GitHub only POSTs; a GET is refused before the secret is read, so it needs no SSM.
        ObjectNode get = (ObjectNode) Json.tree(Files.readString(Repo.ROOT.resolve("events/mcp-tools-list.json")));
        ((ObjectNode) get.path("requestContext").path("http")).put("method", "GET");
        yield write("webhook-get.json", Json.write(get));
      }
      case "AgentRuntimeFunction", "McpGatewayFunction" -> {
        ObjectNode urlEvent = (ObjectNode) Json.tree(Files.readString(Repo.ROOT.resolve("events/mcp-tools-list.json")));
        ((ObjectNode) urlEvent.path("headers")).remove("authorization");
        yield write(logicalId + "-unauthenticated.json", Json.write(urlEvent));
      }
      default -> Repo.ROOT.resolve("events/tool-list.json");
    };
  }

  /**
   * Each deployable jar logs what CloudWatch needs: JSON lines (Powertools' template, so log4j2.xml and the merged
   * plugin caches are in effect) at INFO, tagged with the session id of the request. Each function gets a request
   * that reaches a session-scoped INFO line with nothing but loopback fixtures behind it.
   */
  @Test
  void everyLambdaJarLogsJsonInfoLinesCarryingTheSessionId() throws Exception {
    SamTemplate template = SamTemplate.load(Repo.ROOT.resolve("template.yaml"), "us-west-2");
    JsonNode envFile = Json.tree(Files.readString(Repo.ROOT.resolve("local/env.json")));
    Path probeClasses = Bench.extractProbe(tmp);
    DynamoDbLocal dynamo = DynamoDbLocal.shared();
    String table = dynamo.newIncidentTable();
    String secretParam = "/app/incident/cognito/client-secret";
    try (LocalCognito cognito = LocalCognito.start(0);
        LocalSsm ssm = LocalSsm.start();
        MockWebServer agent = new MockWebServer();
        MockWebServer webhookAgent = new MockWebServer();
        MockWebServer lambda = new MockWebServer()) {
      ssm.put(secretParam, cognito.clientSecret());
      ssm.put(WEBHOOK_SECRET_PARAM, "smoke-webhook-secret");
      webhookAgent.enqueue(new MockResponse.Builder().code(202).addHeader("Content-Type", "application/json")
          .body("{\"status\":\"accepted\"}").build());
      webhookAgent.start(InetAddress.getByName("127.0.0.1"), 0);
      agent.enqueue(new MockResponse.Builder().code(202).addHeader("Content-Type", "application/json")
          .body("{\"status\":\"accepted\"}").build());
      agent.start(InetAddress.getByName("127.0.0.1"), 0);
      // agent-runtime hands an accepted request to itself with an asynchronous Lambda Invoke (202 when queued).
      lambda.enqueue(new MockResponse.Builder().code(202).build());
      lambda.start(InetAddress.getByName("127.0.0.1"), 0);
      Map<String, String> verifier = Map.of("COGNITO_ISSUER", cognito.issuer(), "COGNITO_JWKS_URL", cognito.jwksUrl(),
          "COGNITO_ALLOWED_CLIENT_IDS", LocalCognito.CLIENT_ID, "COGNITO_REQUIRED_SCOPE", LocalCognito.SCOPE);
      List<String> endpoints = List.of("-Daws.endpointUrlDynamoDb=" + dynamo.endpoint(),
          "-Daws.endpointUrlSsm=" + ssm.url(), "-Daws.endpointUrlLambda=" + lambda.url("/"));
      String bearer = "Bearer " + cognito.accessToken();

      Map<String, Path> events = new LinkedHashMap<>();
      Map<String, Map<String, String>> extraEnv = new LinkedHashMap<>();
      Map<String, String> sessions = new LinkedHashMap<>();
      events.put("AlarmTriggerFunction", Repo.ROOT.resolve("events/sns-alarm-pod-cpu.json"));
      extraEnv.put("AlarmTriggerFunction", Map.of("INCIDENT_TABLE", table, "AGENT_ENDPOINT_URL", agent.url("/").toString(),
          "COGNITO_TOKEN_URL", cognito.tokenUrl(), "COGNITO_CLIENT_ID", LocalCognito.CLIENT_ID,
          "COGNITO_CLIENT_SECRET_PARAM", secretParam, "COGNITO_SCOPE", LocalCognito.SCOPE));

      ObjectNode agentRequest = (ObjectNode) Json.tree(Files.readString(Repo.ROOT.resolve("events/agent-runtime-request.json")));
      ((ObjectNode) agentRequest.path("headers")).put("authorization", bearer);
      sessions.put("AgentRuntimeFunction", Json.tree(agentRequest.path("body").asText()).path("sessionId").asText());
      events.put("AgentRuntimeFunction", write("agent-authenticated.json", Json.write(agentRequest)));
      Map<String, String> agentEnv = new LinkedHashMap<>(verifier);
      agentEnv.put("INCIDENT_TABLE", table);
      extraEnv.put("AgentRuntimeFunction", agentEnv);

      ObjectNode initialize = (ObjectNode) Json.tree(Files.readString(Repo.ROOT.resolve("events/mcp-initialize.json")));
      ((ObjectNode) initialize.path("headers")).put("authorization", bearer).put("mcp-session-id", "smoke-gateway-session");
      sessions.put("McpGatewayFunction", "smoke-gateway-session");
      events.put("McpGatewayFunction", write("gateway-initialize.json", Json.write(initialize)));
      extraEnv.put("McpGatewayFunction", verifier);

      new DynamoIncidentStore(dynamo.client(), table, DynamoIncidentStore.Expiry.all(java.time.Duration.ofDays(1)))
          .markIssueOpened("smoke-incident", 4242, null, java.time.Instant.now());
      byte[] comment = ("{\"action\":\"created\",\"repository\":{\"full_name\":\"my-org/incidents\"},"
          + "\"issue\":{\"number\":4242},\"comment\":{\"id\":7,\"body\":\"/approve\","
          + "\"created_at\":\"2026-11-21T03:40:00Z\",\"user\":{\"login\":\"alice\",\"type\":\"User\"}}}")
          .getBytes(StandardCharsets.UTF_8);
      String delivery = "3f1c0de0-cc78-11e3-81ab-4c9367dc0958";
      FunctionUrl.Request signedComment = new FunctionUrl.Request("POST", "/", "", Map.of("content-type", "application/json",
          "x-github-event", "issue_comment", "x-github-delivery", delivery,
          Signature.HEADER, Signature.header("smoke-webhook-secret", comment)),
          new String(comment, StandardCharsets.UTF_8), false, "smoke-webhook", "140.82.115.1", null);
      events.put("GitHubWebhookFunction", write("webhook-comment.json", Json.write(signedComment.toEvent())));
      sessions.put("GitHubWebhookFunction", "cmd-4242-" + delivery);
      extraEnv.put("GitHubWebhookFunction", Map.of("INCIDENT_TABLE", table,
          "AGENT_ENDPOINT_URL", webhookAgent.url("/").toString(), "COGNITO_TOKEN_URL", cognito.tokenUrl(),
          "COGNITO_CLIENT_ID", LocalCognito.CLIENT_ID, "COGNITO_CLIENT_SECRET_PARAM", secretParam,
          "COGNITO_SCOPE", LocalCognito.SCOPE, "GITHUB_WEBHOOK_SECRET_PARAM", WEBHOOK_SECRET_PARAM));

      // A call no tool can serve (an argument its schema does not declare): logged as a finished call at INFO.
      Map<String, String> tools = Map.of("ContainerInsightToolFunction", ToolNames.POD_METRICS,
          "OpenSearchToolFunction", ToolNames.SEARCH_LOGS, "DatadogToolFunction", ToolNames.DATADOG_GET_MONITORS,
          "GitHubToolFunction", ToolNames.GITHUB_ADD_COMMENT, "ChaosToolFunction", ToolNames.CHAOS_CLEANUP,
          "KubernetesToolFunction", ToolNames.K8S_DESCRIBE_WORKLOAD);
      for (Map.Entry<String, String> tool : tools.entrySet()) {
        String session = "smoke-" + MODULES.get(tool.getKey()) + "-session";
        sessions.put(tool.getKey(), session);
        events.put(tool.getKey(), write(tool.getKey() + "-call.json", Json.write(Json.object().put("method", "tools/call")
            .put("name", tool.getValue()).put("sessionId", session).set("arguments", Json.object().put("smoke", 1)))));
        extraEnv.put(tool.getKey(), Map.of());
      }

      for (Map.Entry<String, String> f : MODULES.entrySet()) {
        Path jar = Repo.ROOT.resolve(f.getValue()).resolve("target").resolve(f.getValue() + "-lambda.jar");
        SamTemplate.FunctionSpec spec = template.function(f.getKey()).orElseThrow();
        Map<String, String> env = environment(spec, envFile);
        env.putAll(extraEnv.get(f.getKey()));
        try (JarFile contents = new JarFile(jar.toFile())) {
          // Shading keeps the first copy of a resource: the project's configuration must be the one that won.
          assertThat(new String(contents.getInputStream(contents.getEntry("log4j2.xml")).readAllBytes(),
              StandardCharsets.UTF_8)).as(f.getKey())
              .isEqualTo(Files.readString(Repo.ROOT.resolve("common-lambda/src/main/resources/log4j2.xml")));
        }
        Run run = run(jar, probeClasses, spec, env, events.get(f.getKey()), endpoints);

        List<JsonNode> json = jsonLines(f.getKey(), run.stderr());
        String expected = f.getKey().equals("AlarmTriggerFunction")
            ? Json.tree(agent.takeRequest(5, TimeUnit.SECONDS).getBody().utf8()).path("sessionId").asText() : sessions.get(f.getKey());
        assertThat(json).as("%s (outcome %s) logged %s", f.getKey(), run.outcome(), run.stderr())
            .anySatisfy(line -> {
              assertThat(line.path("level").asText()).isEqualTo("INFO");
              assertThat(line.path("session_id").asText()).isEqualTo(expected);
              assertThat(line.path("function_request_id").asText()).isNotBlank();
            });
      }
    }
  }

  /** Every log line is a JSON object; log4j's plain default layout (what a lost log4j2.xml gives) never appears. */
  private static List<JsonNode> jsonLines(String function, List<String> stderr) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String line : stderr) {
      assertThat(line).as("%s: a plain-text log line", function).doesNotContainPattern(PLAIN_LOG4J_LINE);
      if (line.startsWith("{")) {
        out.add(Json.tree(line));
      }
    }
    return out;
  }

  private Path write(String name, String json) throws Exception {
    Path file = tmp.resolve(name);
    Files.writeString(file, json);
    return file;
  }
}
