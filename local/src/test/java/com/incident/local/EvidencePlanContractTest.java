package com.incident.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.agent.core.EvidenceCollector;
import com.incident.agent.core.IncidentClassifier;
import com.incident.agent.core.WorkflowSettings;
import com.incident.common.incident.AlarmDetails;
import com.incident.common.json.Json;
import com.incident.trigger.core.AlarmParser;
import com.incident.trigger.core.SnsEvents;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The agent's evidence plan, built from every sample alarm, must be accepted by the real tools' input
 * schemas: a drift between the two would silently turn evidence into gaps in production.
 */
class EvidencePlanContractTest {
  private static final List<String> TOOL_FUNCTIONS = List.of("ContainerInsightToolFunction", "OpenSearchToolFunction",
      "DatadogToolFunction", "GitHubToolFunction", "ChaosToolFunction", "KubernetesToolFunction");

  @Test
  void everyPlannedEvidenceCallMatchesTheToolsSchema() throws Exception {
    Map<String, Map<String, Object>> schemas = realToolSchemas();
    WorkflowSettings d = WorkflowSettings.defaults();
    WorkflowSettings withDatadog = new WorkflowSettings(d.maxTurns(), d.maxOutputTokens(), d.maxInputTokens(),
        d.evidenceMinutes(), d.periodSeconds(), d.logIndex(), d.logHours(), d.errorGroupBy(), true,
        d.excludeNamespaces(), d.toolTimeout(), d.finalReserve(), d.recoveryChecks(), d.recoveryInterval(),
        d.pricing(), d.logsConsoleUrl());
    EvidenceCollector collector = new EvidenceCollector(withDatadog);
    IncidentClassifier classifier = new IncidentClassifier(Clock.systemUTC(), d.evidenceMinutes());
    JsonSchemaValidator validator = new DefaultJsonSchemaValidator(Json.MAPPER);

    int checked = 0;
    try (Stream<Path> files = Files.list(Repo.ROOT.resolve("events"))) {
      for (Path event : files.filter(p -> p.getFileName().toString().startsWith("sns-")).sorted().toList()) {
        for (SnsEvents.Entry entry : SnsEvents.parse(Files.readString(event))) {
          AlarmDetails alarm = AlarmParser.parse(entry.record().message(), entry.record().timestamp());
          for (EvidenceCollector.Call call : collector.plan(classifier.classify(alarm))) {
            assertThat(schemas).as("tool %s planned for %s", call.tool(), event.getFileName()).containsKey(call.tool());
            JsonSchemaValidator.ValidationResponse r =
                validator.validate(schemas.get(call.tool()), Json.MAPPER.convertValue(call.arguments(), Map.class));
            assertThat(r.valid()).as("%s for %s: %s -> %s", call.tool(), event.getFileName(), call.arguments(), r.errorMessage())
                .isTrue();
            checked++;
          }
        }
      }
    }
    assertThat(checked).isGreaterThan(40);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> realToolSchemas() throws Exception {
    Map<String, Map<String, Object>> schemas = new HashMap<>();
    for (String function : TOOL_FUNCTIONS) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int code = new Main(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()))
          .run(new String[] {"invoke", function, Repo.ROOT.resolve("events/tool-list.json").toString(),
              "--env-vars", Repo.ROOT.resolve("local/env.json").toString(),
              "--template", Repo.ROOT.resolve("template.yaml").toString()});
      assertThat(code).as(function).isZero();
      for (JsonNode tool : Json.tree(out.toString(StandardCharsets.UTF_8)).path("tools")) {
        schemas.put(tool.path("name").asText(), Json.MAPPER.convertValue(tool.path("inputSchema"), Map.class));
      }
    }
    return schemas;
  }
}
