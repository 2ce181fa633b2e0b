package com.incident.local.sandbox;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Sits between the gateway's in-process invoker and one tool handler: records every tools/call (what was asked,
 * what came back, how long it took) and can inject latency, which the benchmark uses to measure the fan-out.
 */
public final class ToolRecorder {
  /** One tools/call as the tool Lambda saw it. */
  public record Call(String target, String tool, JsonNode arguments, JsonNode response, long startedNanos, long durationNanos) {}

  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private volatile Duration latency = Duration.ZERO;

  public RequestStreamHandler wrap(String target, RequestStreamHandler handler) {
    return (InputStream in, OutputStream out, Context ctx) -> {
      byte[] request = in.readAllBytes();
      long start = System.nanoTime();
      if (!latency.isZero()) {
        try {
          Thread.sleep(latency);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted", e);
        }
      }
      ByteArrayOutputStream response = new ByteArrayOutputStream();
      handler.handleRequest(new ByteArrayInputStream(request), response, ctx);
      long took = System.nanoTime() - start;
      JsonNode req = Json.MAPPER.readTree(request);
      if ("tools/call".equals(req.path("method").asText())) {
        calls.add(new Call(target, req.path("name").asText(), req.path("arguments"),
            Json.MAPPER.readTree(response.toByteArray()), start, took));
      }
      out.write(response.toByteArray());
    };
  }

  /** Every tool call so far, in completion order. */
  public List<Call> calls() {
    return List.copyOf(calls);
  }

  /** Latency added before every tool call (0 by default). */
  public void injectLatency(Duration latency) {
    this.latency = latency;
  }
}
