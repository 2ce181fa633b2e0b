package com.incident.tools.opensearch;

import com.incident.common.config.Env;
import com.incident.common.tool.ToolLimits;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** Everything the OpenSearch tools read from the environment, parsed once at init. */
public record Config(
    String endpoint, AuthMode auth, String region, String signingService, String defaultIndex, Duration timeout, LogSchema schema,
    ToolLimits limits) {

  public enum AuthMode { SIGV4, NONE }

  /** Empty {@code OPENSEARCH_ENDPOINT} (the template's default) means the deployment has no log source: empty. */
  public static Optional<Config> ifConfigured(Env env) {
    return env.optional("OPENSEARCH_ENDPOINT", null) == null ? Optional.empty() : Optional.of(from(env));
  }

  public static Config from(Env env) {
    String auth = env.optional("OPENSEARCH_AUTH", "sigv4").toLowerCase(Locale.ROOT);
    AuthMode mode = switch (auth) {
      case "sigv4" -> AuthMode.SIGV4;
      case "none" -> AuthMode.NONE;
      default -> throw new IllegalStateException("OPENSEARCH_AUTH must be sigv4 or none, got '" + auth + "'");
    };
    String endpoint = env.required("OPENSEARCH_ENDPOINT");
    if (!endpoint.startsWith("https://") && !endpoint.startsWith("http://")) {
      throw new IllegalStateException("OPENSEARCH_ENDPOINT must start with https:// or http://, got '" + endpoint + "'");
    }
    if (mode == AuthMode.SIGV4 && !endpoint.startsWith("https://")) {
      throw new IllegalStateException("OPENSEARCH_AUTH=sigv4 needs an https:// OPENSEARCH_ENDPOINT");
    }
    String suffix = env.optional("OPENSEARCH_KEYWORD_SUFFIX", ".keyword");
    LogSchema schema = new LogSchema(
        env.optional("OPENSEARCH_FIELD_TIMESTAMP", LogSchema.DEFAULT.timestamp()),
        env.list("OPENSEARCH_FIELD_MESSAGE", LogSchema.DEFAULT.messages()),
        env.optional("OPENSEARCH_FIELD_LEVEL", LogSchema.DEFAULT.level()),
        env.optional("OPENSEARCH_FIELD_SERVICE", LogSchema.DEFAULT.service()),
        env.optional("OPENSEARCH_FIELD_POD", LogSchema.DEFAULT.pod()),
        env.optional("OPENSEARCH_FIELD_NAMESPACE", LogSchema.DEFAULT.namespace()),
        env.optional("OPENSEARCH_FIELD_STATUS", LogSchema.DEFAULT.status()),
        suffix.equalsIgnoreCase("none") ? "" : suffix,
        env.list("OPENSEARCH_ERROR_LEVELS", LogSchema.DEFAULT.errorLevels()));
    return new Config(
        endpoint.replaceAll("/+$", ""),
        mode,
        env.optional("OPENSEARCH_REGION", env.optional("AWS_REGION", "us-east-1")),
        env.optional("OPENSEARCH_SIGNING_SERVICE", "es"),
        env.optional("OPENSEARCH_INDEX", "eks-app-logs"),
        Duration.ofMillis(env.intValue("OPENSEARCH_TIMEOUT_MS", 10_000)),
        schema,
        ToolLimits.from(env));
  }
}
