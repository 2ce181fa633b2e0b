package com.incident.local.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.common.json.Json;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SSM Parameter Store calls the functions make (GetParameter, GetParameters) over SSM's JSON 1.1 wire protocol,
 * so the production {@code SsmSecretProvider} reads the sandbox's secrets exactly as it reads SecureStrings in AWS.
 * Values are never logged.
 */
public final class LocalSsm implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalSsm.class);

  private final HttpServer server;
  private final Map<String, String> parameters = new ConcurrentHashMap<>();

  private LocalSsm(HttpServer server) {
    this.server = server;
  }

  public static LocalSsm start() {
    LocalSsm ssm = new LocalSsm(LocalHttp.start(0));
    ssm.server.createContext("/", ssm::handle);
    ssm.server.start();
    return ssm;
  }

  public String url() {
    return LocalHttp.url(server);
  }

  public LocalSsm put(String name, String value) {
    parameters.put(name, value);
    return this;
  }

  private void handle(HttpExchange exchange) throws IOException {
    String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
    JsonNode body;
    try {
      body = Json.MAPPER.readTree(exchange.getRequestBody());
    } catch (IOException e) {
      error(exchange, "SerializationException", "request body is not JSON");
      return;
    }
    switch (target) {
      case "AmazonSSM.GetParameter" -> {
        String name = body.path("Name").asText();
        if (!parameters.containsKey(name)) {
          LOG.warn("GetParameter for unknown parameter {}", name);
          error(exchange, "ParameterNotFound", "Parameter " + name + " not found.");
          return;
        }
        ObjectNode out = Json.object();
        out.set("Parameter", parameter(name));
        LocalHttp.send(exchange, 200, "application/x-amz-json-1.1", Json.write(out));
      }
      case "AmazonSSM.GetParameters" -> {
        ObjectNode out = Json.object();
        ArrayNode found = out.putArray("Parameters");
        ArrayNode invalid = out.putArray("InvalidParameters");
        body.path("Names").forEach(n -> {
          if (parameters.containsKey(n.asText())) {
            found.add(parameter(n.asText()));
          } else {
            invalid.add(n.asText());
          }
        });
        LocalHttp.send(exchange, 200, "application/x-amz-json-1.1", Json.write(out));
      }
      default -> error(exchange, "InvalidAction", "the sandbox's SSM supports GetParameter and GetParameters, not " + target);
    }
  }

  private ObjectNode parameter(String name) {
    return Json.object().put("Name", name).put("Type", "SecureString").put("Value", parameters.get(name))
        .put("Version", 1).put("DataType", "text").put("LastModifiedDate", 1.7e9)
        .put("ARN", "arn:aws:ssm:us-east-1:123456789012:parameter" + (name.startsWith("/") ? name : "/" + name));
  }

  private static void error(HttpExchange exchange, String type, String message) throws IOException {
    LocalHttp.send(exchange, 400, Map.of("Content-Type", "application/x-amz-json-1.1", "x-amzn-ErrorType", type),
        Json.write(Map.of("__type", type, "message", message)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
