package com.incident.tools.opensearch;

import static com.incident.tools.opensearch.ToolCalls.call;
import static com.incident.tools.opensearch.ToolCalls.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.config.Env;
import com.incident.common.tool.ToolNames;
import java.io.StringWriter;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.Test;

/** The template's default OpenSearchEndpoint is empty: the function must start, offer no tools and say why. */
class LogToolsOffTest {
  /** The environment template.yaml gives OpenSearchToolFunction with its default parameters (region resolved). */
  static final Map<String, String> TEMPLATE_DEFAULT_ENV = Map.ofEntries(
      Map.entry("POWERTOOLS_SERVICE_NAME", "tools-opensearch"),
      Map.entry("OPENSEARCH_ENDPOINT", ""),
      Map.entry("OPENSEARCH_INDEX", "eks-app-logs"),
      Map.entry("OPENSEARCH_AUTH", "sigv4"),
      Map.entry("OPENSEARCH_REGION", "us-east-1"),
      Map.entry("OPENSEARCH_SIGNING_SERVICE", "es"),
      Map.entry("OPENSEARCH_TIMEOUT_MS", "10000"),
      Map.entry("OPENSEARCH_FIELD_TIMESTAMP", "@timestamp"),
      Map.entry("OPENSEARCH_FIELD_MESSAGE", "log,message"),
      Map.entry("OPENSEARCH_FIELD_LEVEL", "level"),
      Map.entry("OPENSEARCH_FIELD_SERVICE", "kubernetes.labels.app"),
      Map.entry("OPENSEARCH_FIELD_POD", "kubernetes.pod_name"),
      Map.entry("OPENSEARCH_FIELD_NAMESPACE", "kubernetes.namespace_name"),
      Map.entry("OPENSEARCH_FIELD_STATUS", "status"),
      Map.entry("OPENSEARCH_KEYWORD_SUFFIX", ".keyword"),
      Map.entry("OPENSEARCH_ERROR_LEVELS", "ERROR,FATAL,CRITICAL,PANIC"));

  /** What the no-arg constructor does with the process environment. */
  private static OpenSearchHandler handler(Env env) {
    return new OpenSearchHandler(Config.ifConfigured(env).map(Wiring::production).orElseGet(Wiring::off));
  }

  @Test
  void anEmptyEndpointInitialisesAndListsNoTools() {
    OpenSearchHandler handler = handler(Env.of(TEMPLATE_DEFAULT_ENV));

    JsonNode list = ToolCalls.invoke(handler, "{\"method\":\"tools/list\"}");

    assertThat(list.path("tools").isArray()).isTrue();
    assertThat(list.path("tools")).isEmpty();
  }

  @Test
  void theLambdaNoArgConstructorInitialisesWithoutAnEndpoint() {
    // Surefire's environment has no OPENSEARCH_ENDPOINT, like the deployed function with the default parameters.
    assertThat(System.getenv("OPENSEARCH_ENDPOINT")).isNullOrEmpty();

    JsonNode list = ToolCalls.invoke(new OpenSearchHandler(), "{\"method\":\"tools/list\"}");

    assertThat(list.path("tools")).isEmpty();
  }

  @Test
  void everyCallSaysTheLogSourceIsNotConfiguredWithoutLoggingAWarningOrError() {
    OpenSearchHandler handler = handler(Env.of(TEMPLATE_DEFAULT_ENV));
    StringWriter logged = new StringWriter();
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    WriterAppender appender = WriterAppender.newBuilder().setName("off-test").setTarget(logged)
        .setLayout(PatternLayout.newBuilder().withPattern("%p %m%n").build()).build();
    appender.start();
    LoggerConfig capture = LoggerConfig.newBuilder().withLoggerName("com.incident").withLevel(Level.WARN)
        .withAdditivity(true).withConfig(context.getConfiguration()).build();
    capture.addAppender(appender, Level.WARN, null);
    context.getConfiguration().addLogger("com.incident", capture);
    context.updateLoggers();
    try {
      for (String tool : new String[] {ToolNames.SEARCH_LOGS, ToolNames.ERROR_SUMMARY, ToolNames.ANOMALY_DETECTION}) {
        JsonNode r = call(handler, tool, Map.of("query", "level:ERROR"));

        assertThat(r.path("isError").asBoolean()).isTrue();
        assertThat(text(r)).startsWith("Log source not configured").contains("OPENSEARCH_ENDPOINT is empty");
      }
    } finally {
      context.getConfiguration().removeLogger("com.incident");
      context.updateLoggers();
      appender.stop();
    }
    assertThat(logged.toString()).isEmpty();
  }

  @Test
  void aMalformedRequestIsStillRejectedAsSuch() {
    JsonNode r = ToolCalls.invoke(handler(Env.of(TEMPLATE_DEFAULT_ENV)), "{\"method\":\"tools/erase\"}");

    assertThat(r.path("isError").asBoolean()).isTrue();
    assertThat(text(r)).startsWith("Unknown method 'tools/erase'");
  }
}
