package com.incident.tools.datadog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.config.Env;
import com.incident.common.json.Json;
import com.incident.common.obs.MetricsSink;
import com.incident.common.secrets.StaticSecretProvider;
import com.incident.common.tool.ToolNames;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/** Lambda I/O and configuration: disabled mode, keys from the secret provider, site validation. */
class DatadogHandlerTest {

  @Test
  void whenDisabledTheToolsAreListedButEveryCallSaysDatadogIsNotConfigured() throws IOException {
    DatadogHandler handler = new DatadogHandler(Wiring.production(Config.from(Env.of(Map.of("DATADOG_ENABLED", "false"))),
        new Wiring.Overrides(parameter -> {
          throw new AssertionError("no secrets are read when Datadog is disabled");
        }, MetricsSink.NOOP)));

    JsonNode list = invoke(handler, "{\"method\":\"tools/list\"}");
    JsonNode call = invoke(handler, "{\"method\":\"tools/call\",\"name\":\"" + ToolNames.DATADOG_GET_MONITORS + "\",\"arguments\":{}}");

    assertThat(list.path("tools")).hasSize(4);
    assertThat(call.path("isError").asBoolean()).isTrue();
    assertThat(call.at("/content/0/text").asText()).contains("Datadog is not configured").contains("DATADOG_ENABLED=false");
  }

  @Test
  void aMissingSecretNamesTheParameterAndSendsNoRequest() throws IOException {
    try (MockWebServer server = new MockWebServer()) {
      server.start(InetAddress.getByName("127.0.0.1"), 0);
      DatadogHandler handler = new DatadogHandler(Wiring.production(Config.from(Env.of(Map.of("DATADOG_ENABLED", "true",
          "DATADOG_API_KEY_PARAM", "/prod/datadog/api", "DATADOG_API_URL", server.url("/").toString()))),
          new Wiring.Overrides(new StaticSecretProvider(Map.of()), MetricsSink.NOOP)));

      JsonNode call = invoke(handler, "{\"method\":\"tools/call\",\"name\":\"" + ToolNames.DATADOG_GET_MONITORS + "\",\"arguments\":{}}");

      assertThat(call.path("isError").asBoolean()).isTrue();
      assertThat(call.at("/content/0/text").asText()).contains("/prod/datadog/api");
      assertThat(server.getRequestCount()).isZero();
    }
  }

  @Test
  void anUnreachableApiIsOneShortErrorResultThatSaysSo() throws IOException {
    int closed;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    DatadogHandler handler = new DatadogHandler(Wiring.production(Config.from(Env.of(Map.of("DATADOG_ENABLED", "true",
        "DATADOG_API_KEY_PARAM", "/dd/api", "DATADOG_APP_KEY_PARAM", "/dd/app",
        "DATADOG_API_URL", "http://127.0.0.1:" + closed))),
        new Wiring.Overrides(new StaticSecretProvider(Map.of("/dd/api", "k", "/dd/app", "a")), MetricsSink.NOOP)));

    JsonNode call = invoke(handler, "{\"method\":\"tools/call\",\"name\":\"" + ToolNames.DATADOG_GET_MONITORS + "\",\"arguments\":{}}");

    assertThat(call.path("isError").asBoolean()).isTrue();
    String text = call.at("/content/0/text").asText();
    assertThat(text).contains("127.0.0.1:" + closed).doesNotContain("\tat ", "Exception:").hasLineCount(1);
    assertThat(text.length()).isLessThan(300);
  }

  @Test
  void theSiteChoosesTheApiHostAndATypoFailsAtInit() {
    assertThat(Config.from(Env.of(Map.of())).apiBaseUrl()).isEqualTo("https://api.datadoghq.com/");
    assertThat(Config.from(Env.of(Map.of("DATADOG_SITE", "datadoghq.eu"))).apiBaseUrl()).isEqualTo("https://api.datadoghq.eu/");
    assertThat(Config.from(Env.of(Map.of("DATADOG_SITE", "us5.datadoghq.com"))).apiBaseUrl()).isEqualTo("https://api.us5.datadoghq.com/");
    assertThat(Config.from(Env.of(Map.of("DATADOG_API_URL", "http://127.0.0.1:9911"))).apiBaseUrl()).isEqualTo("http://127.0.0.1:9911/");
    assertThatThrownBy(() -> Config.from(Env.of(Map.of("DATADOG_SITE", "datadog.com")))).hasMessageContaining("DATADOG_SITE");
    assertThat(Config.from(Env.of(Map.of())).enabled()).isFalse();
  }

  private static JsonNode invoke(DatadogHandler handler, String request) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)), out, null);
    return Json.tree(out.toString(StandardCharsets.UTF_8));
  }
}
