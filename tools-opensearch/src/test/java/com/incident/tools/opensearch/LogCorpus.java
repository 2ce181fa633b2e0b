package com.incident.tools.opensearch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.common.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A generated EKS log corpus: a quiet hour (13:00-14:00Z) of ordinary traffic across three services with three
 * stray errors, then an incident (14:03-14:13Z) where payment-api floods OutOfMemoryError, connection-pool
 * timeouts and HTTP 503s, plus one line carrying credentials. Deterministic (fixed seed), unique timestamps.
 */
final class LogCorpus {
  static final Instant QUIET_START = Instant.parse("2026-11-21T13:00:00Z");
  static final Instant INCIDENT_START = Instant.parse("2026-11-21T14:03:00Z");
  static final Instant INCIDENT_END = Instant.parse("2026-11-21T14:13:00Z");
  static final Instant END = Instant.parse("2026-11-21T14:15:00Z");

  static final String OOM = "java.lang.OutOfMemoryError: Java heap space";
  static final String POOL_TIMEOUT = "Timeout waiting for connection from pool (payments-db, waited 30000 ms)";
  static final String UPSTREAM_503 = "POST /api/v1/payments 503 upstream connect error or disconnect/reset before headers";
  static final String SECRET_PASSWORD = "Sup3rS3cretPw!";
  static final String SECRET_KEY = "AKIAIOSFODNN7EXAMPLE";
  static final String SECRET_LINE = "DB login failed for payments: password=" + SECRET_PASSWORD + " aws_key " + SECRET_KEY;
  static final String LATENCY = "response_time_ms";
  static final String QUIET_ERROR = "upstream timeout calling inventory after 2000 ms";

  /** Errors by construction: 10 incident minutes x (12 OOM + 5 pool timeouts + 8 HTTP 503) + 1 secret line. */
  static final int INCIDENT_ERRORS = 10 * (12 + 5 + 8) + 1;

  final List<LogEvent> events;

  private LogCorpus(List<LogEvent> events) {
    this.events = List.copyOf(events);
  }

  static LogCorpus generate() {
    Random random = new Random(42);
    List<LogEvent> out = new ArrayList<>();
    String[] services = {"checkout", "payment-api", "catalog"};
    for (Instant minute = QUIET_START; minute.isBefore(END); minute = minute.plus(Duration.ofMinutes(1))) {
      int slot = 0;
      for (int i = 0; i < 15; i++) {
        String service = services[i % 3];
        int latency = 5 + random.nextInt(80);
        out.add(withLatency(
            event(minute, slot++, "INFO", service, pod(service, i), "GET /api/v1/" + service + "/items 200 in " + latency + " ms", 200), latency));
      }
      out.add(event(minute, slot++, "INFO", "checkout", pod("checkout", 0), "health check ok", null));
      out.add(event(minute, slot++, "INFO", "checkout", pod("checkout", 1), "health check ok", null));
      long m = Duration.between(QUIET_START, minute).toMinutes();
      if (m == 7 || m == 23 || m == 41) {
        out.add(event(minute, slot++, "ERROR", "catalog", pod("catalog", 0), QUIET_ERROR, null));
      }
      if (!minute.isBefore(INCIDENT_START) && minute.isBefore(INCIDENT_END)) {
        for (int i = 0; i < 12; i++) {
          out.add(event(minute, slot++, "ERROR", "payment-api", pod("payment-api", i), OOM, null));
        }
        for (int i = 0; i < 5; i++) {
          out.add(event(minute, slot++, "ERROR", "payment-api", pod("payment-api", i), POOL_TIMEOUT, null));
        }
        for (int i = 0; i < 8; i++) {
          out.add(withLatency(event(minute, slot++, "INFO", "payment-api", pod("payment-api", i), UPSTREAM_503, 503), 30_000));
        }
        if (minute.equals(INCIDENT_START.plus(Duration.ofMinutes(2)))) {
          out.add(event(minute, slot++, "ERROR", "payment-api", pod("payment-api", 0), SECRET_LINE, null));
        }
      }
    }
    return new LogCorpus(out);
  }

  private static String pod(String service, int i) {
    return service + "-7c9d8f-" + (i % 2 == 0 ? "x2k4p" : "q9w3z");
  }

  /** Slot i of a minute sits i * 0.5 s in, so every timestamp is distinct and ordering is total. */
  private static LogEvent event(Instant minute, int slot, String level, String service, String pod, String message, Integer status) {
    return new LogEvent(minute.plusMillis(slot * 500L + 7), level, service, pod, "shop", message, status);
  }

  /** Access-log lines also carry a latency, as JSON-parsed application logs do. */
  private static LogEvent withLatency(LogEvent e, double ms) {
    return new LogEvent(e.timestamp(), e.level(), e.service(), e.pod(), e.namespace(), e.message(), e.status(), Map.of(LATENCY, ms));
  }

  /** Fluent Bit's Kubernetes shape: container line in "log", metadata nested under "kubernetes". */
  String bulkBody(String index) {
    StringBuilder sb = new StringBuilder();
    for (LogEvent e : events) {
      sb.append("{\"index\":{\"_index\":\"").append(index).append("\"}}\n");
      ObjectNode doc = Json.object();
      doc.put("@timestamp", e.timestamp().toString());
      doc.put("log", e.message());
      doc.put("level", e.level());
      doc.put("stream", "stdout");
      if (e.status() != null) {
        doc.put("status", e.status());
      }
      e.numbers().forEach(doc::put);
      ObjectNode k8s = doc.putObject("kubernetes");
      k8s.put("pod_name", e.pod());
      k8s.put("namespace_name", e.namespace());
      k8s.put("container_name", e.service());
      k8s.putObject("labels").put("app", e.service());
      sb.append(Json.write(doc)).append('\n');
    }
    return sb.toString();
  }
}
