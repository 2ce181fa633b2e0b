package com.incident.common.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.common.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Lambda Function URL event and response (payload format 2.0), read and written in one place for the gateway,
 * the agent and the sandbox's local Function URL.
 *
 * <p>Small records instead of aws-lambda-java-events' {@code APIGatewayV2HTTPEvent}/{@code APIGatewayV2HTTPResponse}:
 * that jar is 505,251 bytes (3.16.1) of event classes for every AWS trigger, it neither lower-cases header names nor
 * decodes base64 bodies (the two things every reader here needs), and its POJOs would need Jackson mix-ins for
 * {@code isBase64Encoded}. The fields below are the ones the format defines that these functions read or the sandbox
 * must produce.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html">Invoking Lambda function URLs</a>
 */
public final class FunctionUrl {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  private FunctionUrl() {}

  /**
   * One request as the function receives it. Header names are lower-case (Function URLs deliver them so; events
   * written by hand are normalised on reading). {@code body} is as sent in the event: base64 text when
   * {@code isBase64Encoded}; {@link #bodyText()} decodes it.
   *
   * @param method the HTTP method, null when the event has none (it is then not a Function URL event)
   * @param body null when the request had no body
   * @param requestId Lambda's request id for the HTTP request, null when unknown
   * @param sourceIp the client's address, null when unknown
   * @param time when the request arrived, null when unknown
   */
  public record Request(String method, String rawPath, String rawQueryString, Map<String, String> headers, String body,
      boolean isBase64Encoded, String requestId, String sourceIp, Instant time) {

    public Request {
      headers = lowerCased(headers);
      rawPath = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
      rawQueryString = rawQueryString == null ? "" : rawQueryString;
    }

    /** A plain request, as tests and callers that need no request context build it. */
    public static Request of(String method, Map<String, String> headers, String body) {
      return new Request(method, "/", "", headers, body, false, null, null, null);
    }

    /** The header's value (names are matched without regard to case), or null. */
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * The body as UTF-8 text, decoded from base64 when the event says it is encoded; null when there is none.
     *
     * @throws IllegalArgumentException when the event claims base64 but the body is not
     */
    public String bodyText() {
      if (body == null || !isBase64Encoded) {
        return body;
      }
      return new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
    }

    /**
     * The body's bytes exactly as the client sent them (what a signature over the raw body is computed on):
     * base64-decoded when the event says it is encoded, else the text's UTF-8 bytes; null when there is none.
     *
     * @throws IllegalArgumentException when the event claims base64 but the body is not
     */
    public byte[] bodyBytes() {
      if (body == null) {
        return null;
      }
      return isBase64Encoded ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads an event. Lenient by design: a missing part is null or empty here, and each caller decides what it
     * requires ({@link #isFunctionUrlEvent()}).
     */
    public static Request from(JsonNode event) {
      JsonNode context = event.path("requestContext");
      JsonNode http = context.path("http");
      Map<String, String> headers = new LinkedHashMap<>();
      event.path("headers").properties().forEach(h -> headers.put(h.getKey(), h.getValue().asText()));
      JsonNode body = event.get("body");
      JsonNode epoch = context.get("timeEpoch");
      return new Request(
          http.path("method").isTextual() ? http.path("method").textValue() : null,
          event.path("rawPath").asText(http.path("path").asText("/")),
          event.path("rawQueryString").asText(""),
          headers,
          body == null || body.isNull() ? null : body.asText(),
          event.path("isBase64Encoded").asBoolean(false),
          context.path("requestId").asText(null),
          http.path("sourceIp").asText(null),
          epoch != null && epoch.canConvertToLong() ? Instant.ofEpochMilli(epoch.longValue()) : null);
    }

    /** Whether the event carried {@code requestContext.http.method}, which every Function URL event has. */
    public boolean isFunctionUrlEvent() {
      return method != null;
    }

    /** The event Lambda would deliver for this request (what the sandbox's local Function URL hands its handler). */
    public ObjectNode toEvent() {
      Instant at = time == null ? Instant.now() : time;
      String host = headers.getOrDefault("host", "127.0.0.1");
      ObjectNode e = Json.object().put("version", "2.0").put("routeKey", "$default").put("rawPath", rawPath)
          .put("rawQueryString", rawQueryString);
      ObjectNode h = e.putObject("headers");
      headers.forEach(h::put);
      ObjectNode context = e.putObject("requestContext").put("accountId", "anonymous").put("apiId", "local")
          .put("domainName", host).put("domainPrefix", host.split("\\.", 2)[0]).put("requestId", requestId)
          .put("routeKey", "$default").put("stage", "$default").put("time", TIME.format(at))
          .put("timeEpoch", at.toEpochMilli());
      context.putObject("http").put("method", method).put("path", rawPath).put("protocol", "HTTP/1.1")
          .put("sourceIp", sourceIp).put("userAgent", headers.getOrDefault("user-agent", ""));
      if (body != null) {
        e.put("body", body);
      }
      e.put("isBase64Encoded", isBase64Encoded);
      return e;
    }
  }

  /**
   * The function's answer. A null body sends none; {@code isBase64Encoded} marks a binary body sent as base64.
   *
   * @param cookies the {@code Set-Cookie} values, which payload 2.0 keeps out of {@code headers}
   */
  public record Response(int statusCode, Map<String, String> headers, String body, boolean isBase64Encoded,
      List<String> cookies) {

    public Response {
      headers = Map.copyOf(headers);
      cookies = List.copyOf(cookies);
    }

    /** A JSON answer. */
    public static Response json(int statusCode, String body) {
      return new Response(statusCode, Map.of("content-type", "application/json"), body, false, List.of());
    }

    public static Response of(int statusCode, Map<String, String> headers, String body) {
      return new Response(statusCode, headers, body, false, List.of());
    }

    public Response withHeader(String name, String value) {
      Map<String, String> more = new LinkedHashMap<>(headers);
      more.put(name, value);
      return new Response(statusCode, more, body, isBase64Encoded, cookies);
    }

    /** The body's bytes, decoded from base64 when marked so; empty when there is none. */
    public byte[] bodyBytes() {
      if (body == null) {
        return new byte[0];
      }
      return isBase64Encoded ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
    }

    public ObjectNode toJson() {
      ObjectNode out = Json.object().put("statusCode", statusCode);
      ObjectNode h = out.putObject("headers");
      headers.forEach(h::put);
      if (!cookies.isEmpty()) {
        cookies.forEach(out.putArray("cookies")::add);
      }
      if (body != null) {
        out.put("body", body);
      }
      out.put("isBase64Encoded", isBase64Encoded);
      return out;
    }

    /**
     * What a Function URL makes of a handler's output: an object with {@code statusCode} is a response; any other
     * JSON value is the body of a 200 with {@code content-type: application/json}.
     */
    public static Response fromOutput(JsonNode output) {
      if (output == null || !output.isObject() || !output.has("statusCode")) {
        return json(200, output == null ? "null" : Json.write(output));
      }
      Map<String, String> headers = new LinkedHashMap<>();
      output.path("headers").properties().forEach(h -> headers.put(h.getKey(), h.getValue().asText()));
      JsonNode body = output.get("body");
      return new Response(output.path("statusCode").asInt(200), headers,
          body == null || body.isNull() ? null : body.asText(), output.path("isBase64Encoded").asBoolean(false),
          output.path("cookies").valueStream().map(JsonNode::asText).toList());
    }
  }

  private static Map<String, String> lowerCased(Map<String, String> headers) {
    Map<String, String> lower = new LinkedHashMap<>();
    headers.forEach((k, v) -> lower.merge(k.toLowerCase(Locale.ROOT), v, (a, b) -> a + "," + b));
    return java.util.Collections.unmodifiableMap(lower);
  }
}
