package com.incident.tools.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.incident.common.config.Env;
import com.incident.common.tool.ToolException;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Cluster answers the embedded node cannot produce: auth refusals, slowness, and an installed AD plugin. */
class OpenSearchLogSourceFailureTest {
  static final TimeWindow WINDOW = new TimeWindow(Instant.parse("2026-11-21T13:15:00Z"), Instant.parse("2026-11-21T14:15:00Z"));

  MockWebServer server = new MockWebServer();
  OpenSearchLogSource source;

  @BeforeEach
  void start() throws IOException {
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    String endpoint = "http://127.0.0.1:" + server.getPort();
    Config config = Config.from(Env.of(Map.of("OPENSEARCH_ENDPOINT", endpoint, "OPENSEARCH_AUTH", "none", "OPENSEARCH_TIMEOUT_MS", "500")));
    source = new OpenSearchLogSource(OpenSearchClients.generic(config), config.schema(), endpoint);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void refusedCredentialsNameThePermissionToCheck() {
    server.enqueue(json(403, "{\"message\":\"User: arn:aws:sts::123456789012:assumed-role/tools-opensearch is not authorized to perform: es:ESHttpPost\"}"));

    Throwable t = catchThrowable(() -> source.search("eks-app-logs", "*", WINDOW, 10));

    assertThat(t).isInstanceOf(ToolException.class)
        .hasMessageStartingWith("OpenSearch refused access (HTTP 403)")
        .hasMessageContaining("es:ESHttpGet/ESHttpPost");
  }

  @Test
  void aSlowClusterIsReportedAsATimeout() {
    server.enqueue(new MockResponse.Builder().code(200).headersDelay(5, TimeUnit.SECONDS).body("{}").build());

    Throwable t = catchThrowable(() -> source.errors("eks-app-logs", WINDOW, LogSource.GroupBy.SERVICE, 10, 3));

    assertThat(t).isInstanceOf(ToolException.class).hasMessageStartingWith("OpenSearch did not answer in time");
  }

  @Test
  void aRejectedQueryCarriesOpenSearchsReason() throws Exception {
    server.enqueue(json(400, "{\"error\":{\"root_cause\":[{\"type\":\"query_shard_exception\",\"reason\":\"Failed to parse query [level:(ERROR]\"}],"
        + "\"type\":\"search_phase_execution_exception\",\"reason\":\"all shards failed\"},\"status\":400}"));

    Throwable t = catchThrowable(() -> source.search("eks-app-logs", "level:(ERROR", WINDOW, 10));

    assertThat(t).hasMessageStartingWith("Query syntax error: Failed to parse query [level:(ERROR]");
    RecordedRequest request = server.takeRequest();
    assertThat(request.getTarget()).isEqualTo("/eks-app-logs/_search");
    assertThat(request.getBody().utf8()).contains("\"query_string\":{\"query\":\"level:(ERROR\",\"default_operator\":\"AND\"}");
  }

  @Test
  void anomalyDetectionPluginFindingsAreReadForDetectorsOnTheIndex() throws Exception {
    server.enqueue(json(200, "{\"hits\":{\"hits\":["
        + "{\"_id\":\"det-1\",\"_source\":{\"name\":\"payment-errors\",\"indices\":[\"eks-app-logs*\"]}},"
        + "{\"_id\":\"det-2\",\"_source\":{\"name\":\"other\",\"indices\":[\"nginx-*\"]}}]}}"));
    long start = Instant.parse("2026-11-21T14:03:00Z").toEpochMilli();
    server.enqueue(json(200, "{\"hits\":{\"hits\":[{\"_source\":{\"detector_id\":\"det-1\",\"data_start_time\":" + start
        + ",\"data_end_time\":" + (start + 600_000) + ",\"anomaly_grade\":0.93,\"confidence\":0.88}}]}}"));

    LogSource.DetectorFindings findings = source.detectorFindings("eks-app-logs-2026.11.21", WINDOW, 5);

    assertThat(findings.available()).isTrue();
    assertThat(findings.detectors()).singleElement().satisfies(d -> {
      assertThat(d.name()).isEqualTo("payment-errors");
      assertThat(d.findings()).singleElement().satisfies(f -> {
        assertThat(f.start()).isEqualTo(Instant.parse("2026-11-21T14:03:00Z"));
        assertThat(f.end()).isEqualTo(Instant.parse("2026-11-21T14:03:00Z").plus(10, ChronoUnit.MINUTES));
        assertThat(f.grade()).isEqualTo(0.93);
      });
    });
    assertThat(server.takeRequest().getTarget()).isEqualTo("/_plugins/_anomaly_detection/detectors/_search");
    RecordedRequest results = server.takeRequest();
    assertThat(results.getTarget()).isEqualTo("/_plugins/_anomaly_detection/detectors/results/_search");
    assertThat(results.getBody().utf8()).contains("\"detector_id\":\"det-1\"");
  }

  @Test
  void aClusterWithThePluginButNoDetectorSaysSo() {
    server.enqueue(json(404, "{\"error\":{\"root_cause\":[{\"type\":\"index_not_found_exception\",\"reason\":\"no such index [.opendistro-anomaly-detectors]\"}],"
        + "\"type\":\"index_not_found_exception\"},\"status\":404}"));

    LogSource.DetectorFindings findings = source.detectorFindings("eks-app-logs", WINDOW, 5);

    assertThat(findings.available()).isTrue();
    assertThat(findings.note()).isEqualTo("no anomaly detector is defined on this cluster");
  }

  static final String MAPPING = "{\"logs-a\":{\"mappings\":{\"properties\":{\"@timestamp\":{\"type\":\"date\"},"
      + "\"log\":{\"type\":\"text\",\"fields\":{\"keyword\":{\"type\":\"keyword\",\"ignore_above\":256}}},"
      + "\"level\":{\"type\":\"text\",\"fields\":{\"keyword\":{\"type\":\"keyword\",\"ignore_above\":256}}},"
      + "\"status\":{\"type\":\"text\",\"fields\":{\"keyword\":{\"type\":\"keyword\",\"ignore_above\":256}}}}}}}";
  static final String NO_ERRORS = "{\"_shards\":{\"total\":1,\"failed\":0},\"hits\":{\"total\":{\"value\":0},\"hits\":[]},"
      + "\"aggregations\":{\"unaggregated\":{\"doc_count\":0}}}";

  @Test
  void theMappingIsReadOnceAndDecidesTheStatusQuery() throws Exception {
    server.enqueue(json(200, MAPPING));
    server.enqueue(json(200, NO_ERRORS));
    server.enqueue(json(200, NO_ERRORS));

    source.errors("logs-*", WINDOW, LogSource.GroupBy.SERVICE, 10, 3);
    LogSource.ErrorBreakdown second = source.errors("logs-*", WINDOW, LogSource.GroupBy.POD, 10, 3);

    assertThat(second.gaps()).isEmpty();
    assertThat(server.takeRequest().getTarget()).isEqualTo("/logs-*/_mapping");
    String search = server.takeRequest().getBody().utf8();
    assertThat(search).contains("\"terms\":{\"status.keyword\":[\"500\",\"501\"").contains("\"599\"]")
        .doesNotContain("\"range\":{\"status\"");
    assertThat(server.takeRequest().getTarget()).isEqualTo("/logs-*/_search");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void whenTheMappingIsRefusedTheFieldCapsDecide() throws Exception {
    server.enqueue(json(403, "{\"status\":403,\"message\":\"User does not have permissions for the requested resource\"}"));
    server.enqueue(json(200, "{\"indices\":[\"logs-a\",\"logs-b\"],\"fields\":{"
        + "\"status\":{\"text\":{\"type\":\"text\",\"indices\":[\"logs-a\"]},\"long\":{\"type\":\"long\",\"indices\":[\"logs-b\"]}},"
        + "\"status.keyword\":{\"keyword\":{\"type\":\"keyword\",\"indices\":[\"logs-a\"]}},"
        + "\"level\":{\"text\":{\"type\":\"text\"}},\"level.keyword\":{\"keyword\":{\"type\":\"keyword\"}},"
        + "\"log\":{\"text\":{\"type\":\"text\"}},\"log.keyword\":{\"keyword\":{\"type\":\"keyword\"}}}}"));
    server.enqueue(json(200, NO_ERRORS));

    LogSource.ErrorBreakdown breakdown = source.errors("logs-*", WINDOW, LogSource.GroupBy.SERVICE, 10, 3);

    assertThat(breakdown.gaps()).isEmpty();
    server.takeRequest();
    RecordedRequest caps = server.takeRequest();
    assertThat(caps.getTarget()).isEqualTo("/logs-*/_field_caps?fields=%2A");
    String search = server.takeRequest().getBody().utf8();
    assertThat(search).contains("{\"terms\":{\"_index\":[\"logs-a\"]}},{\"terms\":{\"status.keyword\":[\"500\"")
        .contains("{\"terms\":{\"_index\":[\"logs-b\"]}},{\"range\":{\"status\":{\"gte\":500,\"lte\":599}}}")
        .contains("\"terms\":{\"level.keyword\":[");
  }

  @Test
  void anUnreadableMappingIsAGapAndTheConfiguredLayoutIsAssumed() {
    server.enqueue(json(403, "{\"message\":\"denied\"}"));
    server.enqueue(json(403, "{\"message\":\"denied\"}"));
    server.enqueue(json(200, NO_ERRORS));

    LogSource.ErrorBreakdown breakdown = source.errors("logs-*", WINDOW, LogSource.GroupBy.SERVICE, 10, 3);

    assertThat(breakdown.gaps()).containsExactly(
        "index mapping not readable (_mapping HTTP 403, _field_caps HTTP 403), so field types were assumed from the configuration");
  }

  @Test
  void failedShardsAreAGapNotASilentUndercount() {
    server.enqueue(json(200, MAPPING));
    server.enqueue(json(200, "{\"_shards\":{\"total\":2,\"successful\":1,\"failed\":1,\"failures\":[{\"index\":\"logs-b\","
        + "\"reason\":{\"type\":\"illegal_argument_exception\",\"reason\":\"Text fields are not optimised\"}}]},"
        + "\"hits\":{\"total\":{\"value\":3},\"hits\":[]},\"aggregations\":{\"unaggregated\":{\"doc_count\":0}}}"));

    LogSource.ErrorBreakdown breakdown = source.errors("logs-*", WINDOW, LogSource.GroupBy.SERVICE, 10, 3);

    assertThat(breakdown.total()).isEqualTo(3);
    assertThat(breakdown.gaps()).containsExactly("1 of 2 shards failed (logs-b: Text fields are not optimised); counts cover the other shards only");
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
  }
}
