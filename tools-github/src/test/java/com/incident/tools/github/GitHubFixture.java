package com.incident.tools.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.config.Env;
import com.incident.common.json.Json;
import com.incident.common.obs.MetricsSink;
import com.incident.common.secrets.SecretProvider;
import com.incident.common.secrets.StaticSecretProvider;
import com.incident.tools.github.fake.FakeGitHub;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A handler wired to a {@link FakeGitHub} through the real github-api client, called with Lambda bytes. */
final class GitHubFixture implements AutoCloseable {
  static final String TOKEN_PARAM = "/incident/github/token";
  static final String TOKEN = "github_pat_11TEST0000000000000000_abcdefghijklmnopqrstuvwxyz0123456789";

  final FakeGitHub github;
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  GitHubFixture() {
    github = new FakeGitHub("acme", "incidents", TOKEN).start();
  }

  Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("GITHUB_API_URL", github.url());
    env.put("GITHUB_REPOSITORY", "acme/incidents");
    env.put("GITHUB_TOKEN_PARAM", TOKEN_PARAM);
    env.put("GITHUB_RATE_LIMIT_MAX_WAIT_SECONDS", "20");
    return env;
  }

  GitHubHandler handler() {
    return handler(env(), new StaticSecretProvider(Map.of(TOKEN_PARAM, TOKEN)));
  }

  GitHubHandler handler(Map<String, String> env, SecretProvider secrets) {
    return new GitHubHandler(Wiring.production(Config.from(Env.of(env)),
        new Wiring.Overrides(secrets, MetricsSink.NOOP, Clock.systemUTC(), sleeps::add)));
  }

  static JsonNode call(GitHubHandler handler, String tool, Map<String, ?> arguments) {
    Map<String, Object> request = new HashMap<>();
    request.put("method", "tools/call");
    request.put("name", tool);
    request.put("arguments", arguments);
    request.put("sessionId", "sess-test-1");
    return invoke(handler, Json.write(request));
  }

  static JsonNode invoke(GitHubHandler handler, String payload) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      handler.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), out, null);
      return Json.MAPPER.readTree(out.toString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(JsonNode result) {
    return result.path("content").path(0).path("text").asText();
  }

  static boolean isError(JsonNode result) {
    return result.path("isError").asBoolean(false);
  }

  @Override
  public void close() {
    github.close();
  }
}
