package com.incident.tools.github.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.json.Json;
import com.incident.common.secrets.SecretUnavailableException;
import com.incident.common.tool.ToolException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.List;
import org.kohsuke.github.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns github-api failures into {@link ToolException}s that say what to fix. GitHub's own error message is
 * kept (it names the field); stack traces and response bodies beyond that never reach the caller.
 */
public final class GitHubErrors {
  private static final Logger log = LoggerFactory.getLogger(GitHubErrors.class);

  private final String repository;
  private final String credentialHint;

  public GitHubErrors(String repository, String credentialHint) {
    this.repository = repository;
    this.credentialHint = credentialHint;
  }

  /** @param action what was attempted, e.g. "create issue" or "close issue #12" */
  public ToolException translate(Throwable failure, String action) {
    ToolException mapped = map(failure, action);
    log.warn("GitHub call failed: {} on {}: {} ({})", action, repository, mapped.getMessage(), failure.getClass().getSimpleName());
    return mapped;
  }

  private ToolException map(Throwable failure, String action) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof RateLimitPolicy.RateLimitedException r) {
        return new ToolException("GitHub " + (r.secondary() ? "secondary " : "") + "rate limit reached while trying to " + action
            + "; GitHub accepts requests again at " + r.retryAt() + ". Retry after that time; nothing was changed by this call.");
      }
      if (t instanceof SecretUnavailableException s) {
        return new ToolException("GitHub credentials unavailable: " + s.getMessage());
      }
    }
    int status = status(failure);
    String detail = detail(failure);
    return switch (status) {
      case 401 -> new ToolException("GitHub rejected the credentials (401" + detail + ") while trying to " + action
          + ": " + credentialHint + " is invalid, expired or revoked; rotate it.");
      case 403 -> new ToolException("GitHub denied access (403" + detail + ") while trying to " + action + " on " + repository
          + ": the token needs the Issues read/write permission (fine-grained PAT: 'Issues: Read and write' and "
          + "'Metadata: Read' on this repository; GitHub App: Issues permission and installed on it).");
      case 404 -> new ToolException("Not found (404" + detail + ") while trying to " + action + ": check that GITHUB_REPOSITORY="
          + repository + " is right, that the issue number exists, and that the token can see the repository "
          + "(GitHub answers 404 for private repositories it cannot access).");
      case 410 -> new ToolException("Issues are disabled on " + repository + " (410); enable them in the repository settings.");
      case 422 -> new ToolException("GitHub rejected the request as invalid (422" + detail + ") while trying to " + action
          + ": fix the named field (title must not be empty, label names at most 50 characters, body at most 65536 characters).");
      case -1 -> transport(failure, action);
      default -> status >= 500
          ? new ToolException("GitHub is failing (" + status + detail + ") while trying to " + action + "; retry in a minute.")
          : new ToolException("GitHub answered " + status + detail + " while trying to " + action + ".");
    };
  }

  private ToolException transport(Throwable failure, String action) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof HttpTimeoutException) {
        return new ToolException("GitHub did not answer in time while trying to " + action + "; retry, the request may or may not have been applied.");
      }
      if (t instanceof ConnectException) {
        return new ToolException("Cannot connect to the GitHub API while trying to " + action + "; check GITHUB_API_URL and network access.");
      }
    }
    return new ToolException("GitHub request failed while trying to " + action + " (" + failure.getClass().getSimpleName() + "); retry later.");
  }

  private static int status(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof HttpException h && h.getResponseCode() > 0) {
        return h.getResponseCode();
      }
      if (t instanceof FileNotFoundException) {
        return 404;
      }
    }
    return -1;
  }

  /** GitHub's error JSON: {"message": ..., "errors": [{"resource","field","code","message"}]}. */
  static String detail(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String text = t.getMessage();
      if (text == null || !text.contains("{")) {
        continue;
      }
      try {
        JsonNode body = Json.MAPPER.readTree(text.substring(text.indexOf('{')));
        List<String> parts = new ArrayList<>();
        if (body.hasNonNull("message")) {
          parts.add(body.get("message").asText());
        }
        for (JsonNode e : body.path("errors")) {
          String field = e.path("field").asText("");
          String msg = e.hasNonNull("message") ? e.get("message").asText() : e.path("code").asText("");
          parts.add((field.isEmpty() ? "" : field + ": ") + msg);
        }
        if (!parts.isEmpty()) {
          String joined = String.join("; ", parts);
          return ": " + (joined.length() > 300 ? joined.substring(0, 300) + "…" : joined);
        }
      } catch (IOException | RuntimeException notJson) {
        // not GitHub's JSON error shape
      }
    }
    return "";
  }
}
