package com.incident.webhook.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What the function answers GitHub (shown under the webhook's Recent Deliveries): the HTTP status and a JSON body
 * {@code {"outcome","reason","sessionId"}}. 2xx for everything handled or deliberately ignored, 4xx for deliveries
 * that can never be acted on (GitHub does not retry them; a person may redeliver after fixing the cause), 5xx when
 * a backend failed and a redelivery may succeed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookResult(int status, Outcome outcome, String reason, String sessionId) {

  public enum Outcome {
    /** The command went to the agent. */
    FORWARDED,
    /** Not for this function (another event, action, repository, author, or no command); nothing done. */
    IGNORED,
    /** GitHub's ping when the webhook is created. */
    PONG,
    /** This delivery id was handled before; nothing done again. */
    DUPLICATE,
    /** The delivery or the agent refused it for good. */
    REJECTED,
    /** A backend failed; nothing was done and a redelivery may succeed. */
    FAILED;

    @JsonValue
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static WebhookResult ignored(String reason) {
    return new WebhookResult(202, Outcome.IGNORED, reason, null);
  }

  public static WebhookResult rejected(int status, String reason) {
    return new WebhookResult(status, Outcome.REJECTED, reason, null);
  }

  public static WebhookResult failed(int status, String reason) {
    return new WebhookResult(status, Outcome.FAILED, reason, null);
  }
}
