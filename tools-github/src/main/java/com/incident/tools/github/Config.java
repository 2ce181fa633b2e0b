package com.incident.tools.github;

import com.incident.common.config.Env;
import com.incident.common.tool.ToolLimits;
import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Settings parsed once per container. Secrets are referenced by SSM parameter name only; with both App
 * parameters set, GitHub App authentication replaces the personal access token.
 */
public record Config(
    URI apiUrl,
    String owner,
    String repository,
    String tokenParameter,
    String appIdParameter,
    String appPrivateKeyParameter,
    Duration secretTtl,
    Duration maxRateLimitWait,
    Duration httpTimeout,
    int dedupScanLimit,
    int similarScanLimit,
    int similarCommentFetches,
    int maxContinuationComments,
    ToolLimits limits) {

  private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");

  public static Config from(Env env) {
    String repo = env.required("GITHUB_REPOSITORY");
    if (!REPOSITORY.matcher(repo).matches()) {
      throw new IllegalStateException("GITHUB_REPOSITORY must be owner/name, got '" + repo + "'");
    }
    URI api = URI.create(stripTrailingSlash(env.optional("GITHUB_API_URL", "https://api.github.com")));
    if (api.getScheme() == null || !api.getScheme().startsWith("http") || api.getHost() == null) {
      throw new IllegalStateException("GITHUB_API_URL must be an http(s) URL such as https://ghe.example.com/api/v3, got '" + api + "'");
    }
    String appId = env.optional("GITHUB_APP_ID_PARAM", null);
    String appKey = env.optional("GITHUB_APP_PRIVATE_KEY_PARAM", null);
    if ((appId == null) != (appKey == null)) {
      throw new IllegalStateException("Set both GITHUB_APP_ID_PARAM and GITHUB_APP_PRIVATE_KEY_PARAM for GitHub App auth, or neither");
    }
    String token = env.optional("GITHUB_TOKEN_PARAM", null);
    if (token == null && appId == null) {
      throw new IllegalStateException("Set GITHUB_TOKEN_PARAM (SSM SecureString with a fine-grained PAT) or the GitHub App parameters");
    }
    String[] parts = repo.split("/");
    return new Config(api, parts[0], parts[1], token, appId, appKey,
        Duration.ofSeconds(positive(env.intValue("SECRET_CACHE_TTL_SECONDS", 300), "SECRET_CACHE_TTL_SECONDS")),
        Duration.ofSeconds(Math.max(0, env.intValue("GITHUB_RATE_LIMIT_MAX_WAIT_SECONDS", 20))),
        Duration.ofSeconds(positive(env.intValue("GITHUB_HTTP_TIMEOUT_SECONDS", 10), "GITHUB_HTTP_TIMEOUT_SECONDS")),
        positive(env.intValue("GITHUB_DEDUP_SCAN_LIMIT", 200), "GITHUB_DEDUP_SCAN_LIMIT"),
        positive(env.intValue("GITHUB_SIMILAR_SCAN_LIMIT", 100), "GITHUB_SIMILAR_SCAN_LIMIT"),
        commentFetches(env.intValue("GITHUB_SIMILAR_COMMENT_FETCHES", 20)),
        continuationComments(env.intValue("GITHUB_MAX_CONTINUATION_COMMENTS", 5)),
        ToolLimits.from(env));
  }

  public String fullName() {
    return owner + "/" + repository;
  }

  public boolean appAuth() {
    return appIdParameter != null;
  }

  private static int positive(int value, String name) {
    if (value <= 0) {
      throw new IllegalStateException(name + " must be positive, got " + value);
    }
    return value;
  }

  /** Comment listings one similar-incident search may fetch to read analyses (0 reads issue bodies only). */
  private static int commentFetches(int value) {
    if (value < 0 || value > 100) {
      throw new IllegalStateException("GITHUB_SIMILAR_COMMENT_FETCHES must be 0..100, got " + value);
    }
    return value;
  }

  /** One call posts the issue body plus at most this many comments; the rest is cut with a notice. */
  private static int continuationComments(int value) {
    if (value < 0 || value > 50) {
      throw new IllegalStateException("GITHUB_MAX_CONTINUATION_COMMENTS must be 0..50, got " + value);
    }
    return value;
  }

  private static String stripTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
