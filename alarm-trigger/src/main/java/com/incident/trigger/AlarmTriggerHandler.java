package com.incident.trigger;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.config.Env;
import com.incident.common.json.Json;
import com.incident.common.lambda.Priming;
import com.incident.common.obs.LambdaLogging;
import com.incident.common.redact.Redactor;
import com.incident.trigger.core.RecordOutcome;
import com.incident.trigger.core.TriggerResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SNS -> Lambda entry point. Writes {@code {"results":[...]}}, one entry per record; when any record's
 * session could not be started it then fails the invocation, so SNS/Lambda redeliver the event (records
 * already handled come back as duplicates, failed ones resume their planned session).
 */
public class AlarmTriggerHandler implements RequestStreamHandler {
  private static final Logger LOG = LoggerFactory.getLogger(AlarmTriggerHandler.class);

  private final TriggerService service;

  public AlarmTriggerHandler() {
    this(Wiring.production(Config.from(Env.system())));
    Priming.beforeSnapshot("alarm trigger", () -> Wiring.prime(Config.from(Env.system())));
  }

  public AlarmTriggerHandler(TriggerService service) {
    this.service = service;
  }

  /**
   * The alarm name of an operator's {@code {"action":"split","alarmName":"..."}} (aws lambda invoke), else null:
   * every other event is an SNS event.
   */
  static String splitRequest(String event) {
    try {
      JsonNode root = Json.tree(event);
      if (root != null && root.isObject() && "split".equals(root.path("action").asText(null))) {
        return root.path("alarmName").isTextual() ? root.path("alarmName").asText() : "";
      }
    } catch (Exception e) {
      // Not JSON: the SNS path rejects it with its own reason.
    }
    return null;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
    Duration remaining = context == null ? null : Duration.ofMillis(context.getRemainingTimeInMillis());
    String split = splitRequest(event);
    List<RecordOutcome> outcomes = LambdaLogging.withSession(context, null, () -> split != null
        ? List.of(service.split(split, remaining)) : service.handle(event, remaining));
    List<TriggerResult> results = outcomes.stream().map(RecordOutcome::result).toList();
    String json = Json.write(Map.of("results", results));
    // Log redaction happens at the call sites that carry outside text, not in a Log4j2 RewritePolicy: a policy is
    // a plugin looked up through the plugin cache the shaded jars have lost before (it would then fail silently),
    // and it would scan every line of every library. Reasons may quote the alarm or the agent's answer.
    LOG.info("Alarm trigger results: {}", Redactor.DEFAULT.redact(json));
    output.write(json.getBytes(StandardCharsets.UTF_8));
    output.flush();
    String retry = outcomes.stream().filter(RecordOutcome::needsRetry)
        .map(o -> o.result().messageId() + " (" + o.result().alarmName() + "): " + o.retryReason())
        .collect(Collectors.joining("; "));
    if (!retry.isEmpty()) {
      throw new RedeliveryRequiredException(Redactor.DEFAULT.redact(retry));
    }
  }
}
