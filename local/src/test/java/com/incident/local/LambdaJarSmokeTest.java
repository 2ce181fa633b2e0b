package com.incident.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.common.json.Json;
import com.incident.local.bench.ColdStartProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every deployable jar, exactly as `sam build` ships it, starts in a fresh JVM with only its own classpath, builds
 * its handler from the template's environment and answers a request that needs no network. Catches what unit tests
 * on the reactor classpath cannot: classes missing from the shaded jar, multi-release stubs, service files.
 */
class LambdaJarSmokeTest {
  private static final Map<String, String> MODULES = Map.of(
      "AlarmTriggerFunction", "alarm-trigger",
      "AgentRuntimeFunction", "agent-runtime",
      "McpGatewayFunction", "mcp-gateway",
      "ContainerInsightToolFunction", "tools-container-insight",
      "OpenSearchToolFunction", "tools-opensearch",
      "DatadogToolFunction", "tools-datadog",
      "GitHubToolFunction", "tools-github",
      "ChaosToolFunction", "tools-chaos");

  @TempDir
  Path tmp;

  @Test
  void everyLambdaJarInitialisesAndAnswersFromItsOwnClasspath() throws Exception {
    SamTemplate template = SamTemplate.load(Repo.ROOT.resolve("template.yaml"), "us-west-2");
    JsonNode envFile = Json.tree(Files.readString(Repo.ROOT.resolve("local/env.json")));
    Path probeClasses = Path.of(ColdStartProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
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
        .containsEntry("ChaosToolFunction", "ok");
  }

  private String probe(Path jar, Path probeClasses, SamTemplate.FunctionSpec spec, Map<String, String> env, Path event)
      throws Exception {
    Path envFile = tmp.resolve(spec.logicalId() + ".env");
    StringBuilder lines = new StringBuilder();
    env.forEach((k, v) -> lines.append(k).append('=').append(v).append('\n'));
    Files.writeString(envFile, lines);
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(javaBin, "-Daws.region=us-west-2", "-Daws.accessKeyId=smoke", "-Daws.secretAccessKey=smoke",
        "-cp", jar + java.io.File.pathSeparator + probeClasses, ColdStartProbe.class.getName(),
        spec.handlerClass(), event.toString(), envFile.toString())
        .redirectError(tmp.resolve(spec.logicalId() + ".err").toFile()).start();
    String out = new String(p.getInputStream().readAllBytes()).trim();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(spec.logicalId()).isTrue();
    int at = out.lastIndexOf("outcome=");
    assertThat(at).as("%s printed %s; stderr in %s", spec.logicalId(), out, tmp).isNotNegative();
    return out.substring(at + "outcome=".length());
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
      case "AgentRuntimeFunction", "McpGatewayFunction" -> {
        ObjectNode urlEvent = (ObjectNode) Json.tree(Files.readString(Repo.ROOT.resolve("events/mcp-tools-list.json")));
        ((ObjectNode) urlEvent.path("headers")).remove("authorization");
        yield write(logicalId + "-unauthenticated.json", Json.write(urlEvent));
      }
      default -> Repo.ROOT.resolve("events/tool-list.json");
    };
  }

  private Path write(String name, String json) throws Exception {
    Path file = tmp.resolve(name);
    Files.writeString(file, json);
    return file;
  }
}
