package com.incident.tools.opensearch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.common.json.Json;
import java.time.Instant;

/**
 * Indices shaped like Fluent Bit's Kubernetes output on the embedded node, created once per JVM:
 * <ul>
 *   <li>{@link #DYNAMIC}: dynamic mapping only, so every string (including a parser's {@code level} and
 *       {@code status}) is text with a {@code .keyword} sub-field ({@code ignore_above 256}). Holds multi-line Java
 *       stack traces longer than 256 characters, which the keyword sub-field never indexes.</li>
 *   <li>{@link #NUMERIC_STATUS}: the next day's index, after the pipeline started emitting {@code status} as a
 *       number; under the same pattern as the first, so {@code status} has two mappings.</li>
 *   <li>{@link #TEXT_ONLY}: an explicit mapping with analysed text only (no keyword sub-fields).</li>
 * </ul>
 */
final class FluentBitIndices {
  static final String PATTERN = "fluentbit-*";
  static final String DYNAMIC = "fluentbit-2026.11.21";
  static final String NUMERIC_STATUS = "fluentbit-2026.11.22";
  static final String ALIAS = "fluentbit-current";
  static final String TEXT_ONLY = "rawlogs-2026.11.21";
  static final String END = "2026-11-21T14:15:00Z";

  static final int CHARGE_TRACES = 30;
  static final int DB_TRACES = 10;
  static final int DECLINED = 5;
  static final int TEXT_503 = 20;
  static final int NUMERIC_502 = 7;
  static final String CHARGE_KEY = "java.lang.IllegalStateException: Order <n> could not be charged (request <uuid>)";
  static final String DB_KEY = "org.postgresql.util.PSQLException: Connection to payments-db:<n> refused. Check that the hostname "
      + "and port are correct and that the postmaster is accepting TCP/IP connections.";
  static final String DECLINED_LINE = "payment declined by provider";

  private static boolean seeded;

  private FluentBitIndices() {}

  static synchronized EmbeddedOpenSearch node() {
    EmbeddedOpenSearch node = EmbeddedOpenSearch.get();
    if (!seeded) {
      seed(node);
      seeded = true;
    }
    return node;
  }

  private static void seed(EmbeddedOpenSearch node) {
    String settings = "{\"settings\":{\"number_of_shards\":1,\"number_of_replicas\":0}";
    StringBuilder day1 = new StringBuilder();
    Instant t = Instant.parse("2026-11-21T14:00:00Z");
    for (int i = 0; i < CHARGE_TRACES; i++) {
      add(day1, DYNAMIC, t = t.plusSeconds(7), "ERROR", "payment-api", "payment-api-7c9d8f-x2k4p", null, chargeTrace(4700 + i));
    }
    for (int i = 0; i < DB_TRACES; i++) {
      add(day1, DYNAMIC, t = t.plusSeconds(7), "ERROR", "payment-api", "payment-api-7c9d8f-q9w3z", null, dbTrace(i));
    }
    for (int i = 0; i < DECLINED; i++) {
      add(day1, DYNAMIC, t = t.plusSeconds(7), "ERROR", "checkout", "checkout-5b6c7d-a1b2c", null, DECLINED_LINE);
    }
    for (int i = 0; i < TEXT_503; i++) {
      add(day1, DYNAMIC, t = t.plusSeconds(7), "INFO", "checkout", "checkout-5b6c7d-a1b2c", "503", "POST /api/v1/payments 503");
    }
    for (int i = 0; i < 60; i++) {
      add(day1, DYNAMIC, t = t.plusSeconds(3), "INFO", "catalog", "catalog-6d7e8f-z9y8x", "200", "GET /api/v1/items 200");
    }
    node.createIndex(DYNAMIC, settings + ",\"aliases\":{\"" + ALIAS + "\":{}}}", day1.toString());

    StringBuilder day2 = new StringBuilder();
    for (int i = 0; i < NUMERIC_502; i++) {
      add(day2, NUMERIC_STATUS, t = t.plusSeconds(5), "INFO", "checkout", "checkout-5b6c7d-a1b2c", 502, "POST /api/v1/orders 502");
    }
    node.createIndex(NUMERIC_STATUS, settings + ",\"mappings\":{\"properties\":{\"status\":{\"type\":\"long\"}}}}", day2.toString());

    StringBuilder raw = new StringBuilder();
    Instant r = Instant.parse("2026-11-21T14:00:00Z");
    for (int i = 0; i < 4; i++) {
      add(raw, TEXT_ONLY, r = r.plusSeconds(11), "ERROR", "payment-api", "payment-api-7c9d8f-x2k4p", null, chargeTrace(4800 + i));
    }
    for (int i = 0; i < 6; i++) {
      add(raw, TEXT_ONLY, r = r.plusSeconds(11), "INFO", "checkout", "checkout-5b6c7d-a1b2c", "503", "POST /api/v1/payments 503");
    }
    node.createIndex(TEXT_ONLY, settings + ",\"mappings\":{\"dynamic\":false,\"properties\":{"
        + "\"@timestamp\":{\"type\":\"date\"},\"log\":{\"type\":\"text\"},\"level\":{\"type\":\"text\"},"
        + "\"status\":{\"type\":\"text\"},\"stream\":{\"type\":\"text\"},"
        + "\"kubernetes\":{\"properties\":{\"pod_name\":{\"type\":\"text\"},\"namespace_name\":{\"type\":\"text\"},"
        + "\"container_name\":{\"type\":\"text\"},\"labels\":{\"properties\":{\"app\":{\"type\":\"text\"}}}}}}}}", raw.toString());
  }

  /** A multi-line Java stack trace of about 900 characters; order number and request id differ per occurrence. */
  static String chargeTrace(int order) {
    String request = String.format("3f2a9c1e-%04x-4b5c-8d9e-0a1b2c3d4e5f", order);
    return "java.lang.IllegalStateException: Order " + order + " could not be charged (request " + request + ")\n"
        + "\tat com.shop.payment.ChargeService.charge(ChargeService.java:118)\n"
        + "\tat com.shop.payment.ChargeController.post(ChargeController.java:57)\n"
        + "\tat java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)\n"
        + "\tat org.springframework.web.servlet.FrameworkServlet.processRequest(FrameworkServlet.java:1014)\n"
        + "\tat org.springframework.web.servlet.DispatcherServlet.doDispatch(DispatcherServlet.java:1089)\n"
        + "Caused by: java.net.SocketTimeoutException: Read timed out after 30000 ms\n"
        + "\tat java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:288)\n"
        + "\tat com.shop.payment.ProviderClient.authorize(ProviderClient.java:74)\n"
        + "\t... 42 more";
  }

  static String dbTrace(int i) {
    return "org.postgresql.util.PSQLException: Connection to payments-db:5432 refused. Check that the hostname and port "
        + "are correct and that the postmaster is accepting TCP/IP connections.\n"
        + "\tat org.postgresql.core.v3.ConnectionFactoryImpl.openConnectionImpl(ConnectionFactoryImpl.java:" + (300 + i) + ")\n"
        + "\tat org.postgresql.core.ConnectionFactory.openConnection(ConnectionFactory.java:49)\n"
        + "\tat com.zaxxer.hikari.pool.HikariPool.createPoolEntry(HikariPool.java:476)\n"
        + "\t... 12 more";
  }

  private static void add(StringBuilder bulk, String index, Instant at, String level, String app, String pod, Object status, String log) {
    bulk.append("{\"index\":{\"_index\":\"").append(index).append("\"}}\n");
    ObjectNode doc = Json.object();
    doc.put("@timestamp", at.toString());
    doc.put("log", log);
    doc.put("stream", "stderr");
    doc.put("level", level);
    if (status instanceof String s) {
      doc.put("status", s);
    } else if (status instanceof Integer n) {
      doc.put("status", n);
    }
    ObjectNode k8s = doc.putObject("kubernetes");
    k8s.put("pod_name", pod);
    k8s.put("namespace_name", "shop");
    k8s.put("container_name", app);
    k8s.putObject("labels").put("app", app);
    bulk.append(Json.write(doc)).append('\n');
  }
}
