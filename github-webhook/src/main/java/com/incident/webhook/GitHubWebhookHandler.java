package com.incident.webhook;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.config.Env;
import com.incident.common.json.Json;
import com.incident.common.lambda.FunctionUrl;
import com.incident.common.lambda.Priming;
import com.incident.common.obs.LambdaLogging;
import com.incident.webhook.core.WebhookResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lambda entry point for the webhook's Function URL (payload 2.0): event in, {@link WebhookResult} as a JSON
 * response out; the work is in {@link WebhookService}.
 */
public class GitHubWebhookHandler implements RequestStreamHandler {
  private static final Logger LOG = LoggerFactory.getLogger(GitHubWebhookHandler.class);
  /** Used when there is no Lambda context (local runs): the function's timeout. */
  private static final Duration NO_CONTEXT_BUDGET = Duration.ofSeconds(30);

  private final WebhookService service;

  public GitHubWebhookHandler() {
    this(Wiring.production(Config.from(Env.system())));
    Priming.beforeSnapshot("webhook signature and parsing", () -> Wiring.prime(Config.from(Env.system())));
  }

  public GitHubWebhookHandler(WebhookService service) {
    this.service = service;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    byte[] bytes = input.readAllBytes();
    WebhookResult result = LambdaLogging.withSession(context, null, () -> answer(bytes, context));
    FunctionUrl.Response response = FunctionUrl.Response.json(result.status(), Json.write(result));
    output.write(Json.write(response.toJson()).getBytes(StandardCharsets.UTF_8));
  }

  private WebhookResult answer(byte[] bytes, Context context) {
    FunctionUrl.Request request;
    try {
      JsonNode event = Json.strictTree(bytes);
      request = FunctionUrl.Request.from(event == null ? Json.object() : event);
    } catch (IOException e) {
      request = null;
    }
    if (request == null || !request.isFunctionUrlEvent()) {
      LOG.warn("Rejected invocation: not a Function URL event");
      return WebhookResult.rejected(400, "expected a Function URL (payload 2.0) event");
    }
    Duration budget = context == null ? NO_CONTEXT_BUDGET : Duration.ofMillis(context.getRemainingTimeInMillis());
    try {
      return service.handle(request, Instant.now().plus(budget).minus(service.deadlineMargin()));
    } catch (RuntimeException e) {
      // WebhookService answers bad input itself; this is a backend failing (DynamoDB). The trace stays in the logs.
      LOG.error("Webhook delivery failed", e);
      return WebhookResult.failed(500, "internal error; nothing was done, see the function's logs and redeliver");
    }
  }
}
