package com.incident.tools.datadog.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.json.Json;
import com.incident.common.redact.Redactor;
import com.incident.common.retry.Backoff;
import com.incident.common.retry.Retry;
import com.incident.common.retry.Sleeper;
import com.incident.common.secrets.SecretProvider;
import com.incident.common.secrets.SecretUnavailableException;
import com.incident.common.tool.ToolException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * OkHttp over the Datadog API. Keys come from the {@link SecretProvider} on each call (it caches), go only into
 * the DD-API-KEY / DD-APPLICATION-KEY headers and never into messages or logs. Each status a caller can act on
 * becomes a specific {@link ToolException}; a 429 waits for X-RateLimit-Reset once ({@link Retry}) when that fits
 * the budget.
 */
public final class DatadogHttpClient implements DatadogApi {
  private static final MediaType JSON = MediaType.get("application/json");
  private static final int MAX_ERROR_CHARS = 300;

  private final OkHttpClient http;
  private final HttpUrl baseUrl;
  private final SecretProvider secrets;
  private final String apiKeyParameter;
  private final String appKeyParameter;
  private final Duration maxRateLimitWait;
  private final Retry retry;

  public DatadogHttpClient(OkHttpClient http, HttpUrl baseUrl, SecretProvider secrets, String apiKeyParameter,
      String appKeyParameter, Duration maxRateLimitWait, Sleeper sleeper) {
    this.http = http;
    this.baseUrl = baseUrl;
    this.secrets = secrets;
    this.apiKeyParameter = apiKeyParameter;
    this.appKeyParameter = appKeyParameter;
    this.maxRateLimitWait = maxRateLimitWait;
    this.retry = new Retry(new Backoff(2, Duration.ZERO, Duration.ZERO), sleeper, Clock.systemUTC(), () -> 0);
  }

  @Override
  public JsonNode get(String path, Map<String, String> query, Duration budget) {
    HttpUrl.Builder url = baseUrl.newBuilder().addPathSegments(path);
    query.forEach(url::addQueryParameter);
    return execute(path, new Request.Builder().url(url.build()).get(), budget);
  }

  @Override
  public JsonNode post(String path, JsonNode body, Duration budget) {
    HttpUrl url = baseUrl.newBuilder().addPathSegments(path).build();
    return execute(path, new Request.Builder().url(url).post(RequestBody.create(Json.write(body), JSON)), budget);
  }

  private JsonNode execute(String path, Request.Builder builder, Duration budget) {
    Request request = authorized(builder).header("Accept", "application/json").build();
    Instant deadline = retry.clock().instant().plus(budget);
    // One retry, only for a 429 whose reset fits maxRateLimitWait and the deadline (a retry needs some time).
    return retry.call("Datadog " + path, deadline, Duration.ofMillis(1), (attempt, left) -> {
      if (left.isNegative() || left.isZero()) {
        throw new ToolException("Datadog " + path + " did not answer within the tool's deadline; retry with a narrower time range");
      }
      okhttp3.Call call = http.newCall(request);
      // The per-call timeout replaces the client's; keep the tighter of the two.
      long timeoutMs = http.callTimeoutMillis() > 0 ? Math.min(left.toMillis(), http.callTimeoutMillis()) : left.toMillis();
      call.timeout().timeout(timeoutMs, TimeUnit.MILLISECONDS);
      try (Response response = call.execute()) {
        String body = response.body().string();
        int code = response.code();
        if (response.isSuccessful()) {
          return Retry.done(parse(path, body));
        }
        if (code == 429) {
          Duration reset = resetAfter(response);
          String limited = "Datadog rate limit reached for " + path + " (limit " + header(response, "X-RateLimit-Limit")
              + " per " + header(response, "X-RateLimit-Period") + " s, resets in " + reset.toSeconds()
              + " s); retry after the reset or use fewer Datadog calls";
          if (reset.compareTo(maxRateLimitWait) > 0) {
            throw new ToolException(limited);
          }
          return Retry.againAfter(limited, reset);
        }
        throw failure(path, code, body);
      } catch (IOException e) {
        throw new ToolException("Datadog could not be reached at " + baseUrl.host() + " for " + path + ": "
            + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
      }
    }, gaveUp -> new ToolException(gaveUp.stop() == Retry.Stop.INTERRUPTED
        ? "Interrupted while waiting for the Datadog rate limit to reset" : gaveUp.reason()));
  }

  private Request.Builder authorized(Request.Builder builder) {
    try {
      return builder.header("DD-API-KEY", secrets.secret(apiKeyParameter))
          .header("DD-APPLICATION-KEY", secrets.secret(appKeyParameter));
    } catch (SecretUnavailableException e) {
      throw new ToolException("Datadog keys are unavailable: " + e.getMessage());
    }
  }

  private ToolException failure(String path, int code, String body) {
    String detail = errors(body);
    return switch (code) {
      case 401 -> new ToolException("Datadog rejected the API key (401 Unauthorized) for " + baseUrl.host()
          + "; check that SSM parameter " + apiKeyParameter + " holds a valid API key of this site");
      case 403 -> new ToolException("Datadog denied " + path + " (403 Forbidden): the application key in SSM parameter "
          + appKeyParameter + " lacks the needed permission or belongs to another site or org" + suffix(detail));
      case 400, 404, 422 -> new ToolException("Datadog rejected the request to " + path + " (" + code + ")" + suffix(detail)
          + "; fix the arguments and retry");
      default -> code >= 500
          ? new ToolException("Datadog is unavailable (" + code + ") for " + path + "; retry later")
          : new ToolException("Datadog answered " + code + " for " + path + suffix(detail));
    };
  }

  /** Datadog error bodies are {"errors": ["..."]}, or {"status":"error","error":"..."} on v1 query. */
  private static String errors(String body) {
    try {
      JsonNode node = Json.tree(body);
      List<String> messages = new ArrayList<>();
      node.path("errors").forEach(e -> messages.add(e.isTextual() ? e.asText() : e.path("detail").asText(e.toString())));
      if (node.hasNonNull("error")) {
        messages.add(node.get("error").asText());
      }
      String joined = Redactor.DEFAULT.redact(String.join("; ", messages));
      return joined.length() > MAX_ERROR_CHARS ? joined.substring(0, MAX_ERROR_CHARS) + "…" : joined;
    } catch (IOException notJson) {
      return "";
    }
  }

  private static String suffix(String detail) {
    return detail.isBlank() ? "" : ": " + detail;
  }

  private static JsonNode parse(String path, String body) {
    try {
      return Json.tree(body);
    } catch (IOException e) {
      throw new ToolException("Datadog returned a body that is not JSON for " + path);
    }
  }

  private static Duration resetAfter(Response response) {
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(header(response, "X-RateLimit-Reset"))));
    } catch (NumberFormatException e) {
      return Duration.ofSeconds(60);
    }
  }

  private static String header(Response response, String name) {
    String v = response.header(name);
    return v == null ? "?" : v.trim();
  }
}
