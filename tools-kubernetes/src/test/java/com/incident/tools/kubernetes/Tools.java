package com.incident.tools.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.config.Env;
import com.incident.common.json.Json;
import com.incident.common.obs.MetricsSink;
import com.incident.common.tool.OutputSchemas;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The target's Lambda handler over a given cluster, called with the gateway's request shape. */
final class Tools {
  final KubernetesHandler handler;
  private final Map<String, Map<String, Object>> schemas = new HashMap<>();

  Tools(KubernetesClient client, Map<String, String> env) {
    this.handler = new KubernetesHandler(Wiring.production(Config.from(Env.of(env)), new Wiring.Overrides(client, MetricsSink.NOOP)));
  }

  static Tools over(KubernetesClient client) {
    return new Tools(client, Map.of("CHAOS_ALLOWED_NAMESPACES", "retail-store,staging", "EKS_CLUSTER_NAME", "retail-eks"));
  }

  JsonNode invoke(Map<String, ?> request) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(Json.write(request).getBytes(StandardCharsets.UTF_8)), out, null);
    return Json.tree(out.toString(StandardCharsets.UTF_8));
  }

  JsonNode call(String tool, Map<String, ?> arguments) throws IOException {
    return invoke(Map.of("method", "tools/call", "name", tool, "sessionId", "s-k8s", "arguments", arguments));
  }

  /** Calls the tool; asserts a success whose structured content matches the published outputSchema, and reads it back. */
  <T> T conforming(String tool, Map<String, ?> arguments, Class<T> type) throws IOException {
    JsonNode result = call(tool, arguments);
    assertThat(result.path("isError").asBoolean()).as(result.at("/content/0/text").asText()).isFalse();
    JsonNode structured = result.path("structuredContent");
    assertThat(OutputSchemas.violation(schema(tool), structured)).as(structured.toString()).isNull();
    return Json.MAPPER.convertValue(structured, type);
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> schema(String tool) throws IOException {
    if (schemas.isEmpty()) {
      invoke(Map.of("method", "tools/list")).path("tools").forEach(t -> schemas.put(t.path("name").asText(),
          Json.MAPPER.convertValue(t.path("outputSchema"), Map.class)));
    }
    return schemas.get(tool);
  }
}
