package com.incident.webhook.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.json.Json;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The fields of an {@code issue_comment} delivery this function reads; everything else in GitHub's payload is
 * ignored.
 *
 * @param action {@code created}, {@code edited} or {@code deleted}
 * @param repository the repository's {@code full_name} ({@code owner/name})
 * @param pullRequest whether the "issue" is a pull request (GitHub delivers their comments as issue comments too)
 * @param authorType GitHub's {@code user.type}: {@code User}, {@code Bot} or {@code Organization}
 * @param appSlug {@code performed_via_github_app.slug}, null when no app wrote the comment
 * @see <a href="https://docs.github.com/en/webhooks/webhook-events-and-payloads#issue_comment">issue_comment</a>
 */
public record CommentEvent(String action, String repository, int issueNumber, boolean pullRequest, long commentId,
    String body, String author, String authorType, String appSlug, Instant createdAt) {

  /** Reads a delivery's JSON body. */
  public static CommentEvent parse(byte[] payload) throws MalformedPayloadException {
    JsonNode root;
    try {
      root = Json.strictTree(payload);
    } catch (JsonProcessingException e) {
      throw new MalformedPayloadException("the body is not one valid JSON object: " + Json.problem(e));
    } catch (IOException e) {
      throw new MalformedPayloadException("the body is not one valid JSON object");
    }
    if (root == null || !root.isObject()) {
      throw new MalformedPayloadException("the body is not a JSON object");
    }
    JsonNode issue = root.path("issue");
    JsonNode comment = root.path("comment");
    JsonNode user = comment.path("user");
    JsonNode app = comment.path("performed_via_github_app");
    return new CommentEvent(
        text(root, "action"),
        text(root.path("repository"), "full_name", "repository.full_name"),
        (int) number(issue, "number", "issue.number", Integer.MAX_VALUE),
        issue.hasNonNull("pull_request"),
        number(comment, "id", "comment.id", Long.MAX_VALUE),
        comment.path("body").isTextual() ? comment.path("body").textValue() : "",
        login(text(user, "login", "comment.user.login")),
        user.path("type").asText("User"),
        app.isObject() && app.path("slug").isTextual() ? app.path("slug").textValue() : null,
        time(comment, "created_at", "comment.created_at"));
  }

  /** GitHub logins (apps: {@code <slug>[bot]}); the agent mentions the author, so nothing else may pass as one. */
  private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\\[bot])?");

  private static String login(String login) throws MalformedPayloadException {
    if (!LOGIN.matcher(login).matches()) {
      throw new MalformedPayloadException("comment.user.login is not a GitHub login");
    }
    return login;
  }

  private static String text(JsonNode node, String field) throws MalformedPayloadException {
    return text(node, field, field);
  }

  private static String text(JsonNode node, String field, String path) throws MalformedPayloadException {
    JsonNode v = node.path(field);
    if (!v.isTextual() || v.textValue().isBlank()) {
      throw new MalformedPayloadException(path + " is required (a string)");
    }
    return v.textValue();
  }

  private static long number(JsonNode node, String field, String path, long max) throws MalformedPayloadException {
    JsonNode v = node.path(field);
    if (!v.canConvertToLong() || !v.isIntegralNumber() || v.longValue() <= 0 || v.longValue() > max) {
      throw new MalformedPayloadException(path + " is required (a positive integer)");
    }
    return v.longValue();
  }

  private static Instant time(JsonNode node, String field, String path) throws MalformedPayloadException {
    try {
      return Instant.parse(text(node, field, path));
    } catch (DateTimeParseException e) {
      throw new MalformedPayloadException(path + " is not an ISO-8601 time");
    }
  }
}
