package com.incident.tools.datadog;

import com.incident.common.config.Env;
import com.incident.common.tool.ToolLimits;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Settings of the Datadog target, parsed once at init. Keys are never here: only the names of the SSM
 * SecureString parameters holding them.
 *
 * @param enabled whether Datadog is configured at all; when false every call says so
 * @param site Datadog site such as datadoghq.com, datadoghq.eu, us5.datadoghq.com
 * @param apiKeyParameter SSM parameter name of the API key
 * @param appKeyParameter SSM parameter name of the application key
 * @param maxRateLimitWait longest wait for X-RateLimit-Reset before one retry; longer resets fail at once
 * @param httpTimeout upper bound of one HTTP call (the tool deadline may cut it shorter)
 * @param secretTtl how long decrypted keys are cached
 * @param apiUrl API base URL overriding the site's (an egress proxy, a private endpoint, the local sandbox); null for
 *     the site's own API host
 * @param limits the dispatcher's caps and timeouts (TOOL_OUTPUT_MAX_BYTES)
 */
public record Config(boolean enabled, String site, String apiKeyParameter, String appKeyParameter,
    Duration maxRateLimitWait, Duration httpTimeout, Duration secretTtl, String apiUrl, ToolLimits limits) {

  private static final Pattern SITE = Pattern.compile("^([a-z0-9-]+\\.)?(datadoghq\\.com|datadoghq\\.eu|ddog-gov\\.com)$");

  public Config {
    if (!SITE.matcher(site).matches()) {
      throw new IllegalStateException("DATADOG_SITE must be a Datadog site such as datadoghq.com, us5.datadoghq.com or "
          + "datadoghq.eu, got '" + site + "'");
    }
  }

  public static Config from(Env env) {
    return new Config(
        env.flag("DATADOG_ENABLED", false),
        env.optional("DATADOG_SITE", "datadoghq.com").toLowerCase(java.util.Locale.ROOT),
        env.optional("DATADOG_API_KEY_PARAM", "/app/incident/datadog/api-key"),
        env.optional("DATADOG_APP_KEY_PARAM", "/app/incident/datadog/app-key"),
        Duration.ofSeconds(env.intValue("DATADOG_RATE_LIMIT_MAX_WAIT_SECONDS", 5)),
        Duration.ofSeconds(env.intValue("DATADOG_HTTP_TIMEOUT_SECONDS", 10)),
        Duration.ofSeconds(env.intValue("SECRET_CACHE_TTL_SECONDS", 300)),
        env.optional("DATADOG_API_URL", null),
        ToolLimits.from(env));
  }

  /** The API host of the site (api.datadoghq.com, api.datadoghq.eu, ...) unless DATADOG_API_URL overrides it. */
  public String apiBaseUrl() {
    if (apiUrl != null) {
      return apiUrl.endsWith("/") ? apiUrl : apiUrl + "/";
    }
    return "https://api." + site + "/";
  }
}
