package com.incident.local.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.common.config.Env;
import com.incident.common.json.Json;
import com.incident.tools.opensearch.Config;
import com.incident.tools.opensearch.LogEvent;
import com.incident.tools.opensearch.LogSchema;
import com.incident.tools.opensearch.LogSource;
import com.incident.tools.opensearch.OpenSearchClients;
import com.incident.tools.opensearch.OpenSearchLogSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.codelibs.opensearch.runner.OpenSearchRunner;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;

/**
 * `--opensearch`: a real single-node OpenSearch on 127.0.0.1 holding the scenario's log lines in the document shape
 * Fluent Bit ships from EKS, queried by the OpenSearch tools' production backend. The index is rewritten whenever
 * the timeline reveals more (or shifts after a fix), so it always holds what the in-memory backend would.
 */
final class EmbeddedOpenSearch implements AutoCloseable {
  private final OpenSearchRunner runner;
  private final Path home;
  private final String endpoint;
  private final OpenSearchGenericClient client;
  private final String index;

  private EmbeddedOpenSearch(OpenSearchRunner runner, Path home, String endpoint, String index) {
    this.runner = runner;
    this.home = home;
    this.endpoint = endpoint;
    this.index = index;
    this.client = OpenSearchClients.generic(Config.from(Env.of(Map.of(
        "OPENSEARCH_ENDPOINT", endpoint, "OPENSEARCH_AUTH", "none", "OPENSEARCH_TIMEOUT_MS", "60000"))));
  }

  static EmbeddedOpenSearch start(String index) {
    // The sandbox's other servers already use Netty in this JVM; OpenSearch must not set its processor count again.
    System.setProperty("opensearch.set.netty.runtime.available.processors", "false");
    try {
      int httpPort = freePort();
      int transportPort = freePort();
      Path home = Files.createTempDirectory("incident-local-opensearch");
      OpenSearchRunner runner = new OpenSearchRunner();
      // The runner probes base+1..max for a free port; without a max it refuses any base above its 9299 default.
      runner.setMaxHttpPort(httpPort);
      runner.onBuild((number, settings) -> {
        settings.put("network.host", "127.0.0.1");
        settings.put("transport.port", String.valueOf(transportPort));
      }).build(OpenSearchRunner.newConfigs().numOfNode(1).clusterName("incident-local")
          .basePath(home.toString()).baseHttpPort(httpPort - 1).disableESLogger());
      runner.ensureYellow();
      EmbeddedOpenSearch os = new EmbeddedOpenSearch(runner, home, "http://127.0.0.1:" + httpPort, index);
      os.send("PUT", "/" + index, "{\"settings\":{\"number_of_shards\":1,\"number_of_replicas\":0}}", "application/json");
      return os;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded OpenSearch: " + e.getMessage(), e);
    }
  }

  LogSource logSource() {
    return new OpenSearchLogSource(client, LogSchema.DEFAULT, endpoint);
  }

  String endpoint() {
    return endpoint;
  }

  /** Replaces the index's documents with {@code events}. */
  synchronized void replace(List<LogEvent> events) {
    try {
      send("POST", "/" + index + "/_delete_by_query?refresh=true&conflicts=proceed", "{\"query\":{\"match_all\":{}}}",
          "application/json");
      if (events.isEmpty()) {
        return;
      }
      StringBuilder bulk = new StringBuilder();
      for (LogEvent e : events) {
        bulk.append("{\"index\":{\"_index\":\"").append(index).append("\"}}\n");
        ObjectNode doc = Json.object().put("@timestamp", e.timestamp().toString()).put("log", e.message())
            .put("level", e.level()).put("stream", "stdout");
        if (e.status() != null) {
          doc.put("status", e.status());
        }
        ObjectNode k8s = doc.putObject("kubernetes").put("pod_name", e.pod()).put("namespace_name", e.namespace())
            .put("container_name", e.service());
        k8s.putObject("labels").put("app", e.service());
        bulk.append(Json.write(doc)).append('\n');
      }
      send("POST", "/" + index + "/_bulk?refresh=true", bulk.toString(), "application/x-ndjson");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot index the scenario's logs: " + e.getMessage(), e);
    }
  }

  private void send(String method, String path, String body, String contentType) throws IOException {
    try (Response r = client.execute(Requests.builder().method(method).endpoint(path)
        .body(Body.from(body.getBytes(StandardCharsets.UTF_8), contentType)).build())) {
      String text = r.getBody().map(Body::bodyAsString).orElse("");
      if (r.getStatus() >= 300 || text.contains("\"errors\":true")) {
        throw new IOException("HTTP " + r.getStatus() + " " + text.substring(0, Math.min(500, text.length())));
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws IOException {
    runner.close();
    runner.clean();
  }
}
