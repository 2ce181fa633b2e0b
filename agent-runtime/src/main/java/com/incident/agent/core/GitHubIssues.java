package com.incident.agent.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.agent.gateway.Gateway;
import com.incident.agent.gateway.GatewayException;
import com.incident.agent.gateway.ToolOutcome;
import com.incident.common.json.Json;
import com.incident.common.tool.ToolNames;
import com.incident.common.tool.result.AddCommentResult;
import com.incident.common.tool.result.CreateIssueResult;
import com.incident.common.tool.result.PermissionResult;
import com.incident.common.tool.result.StructuredContent;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The issue timeline through the gateway's GitHub tools; the runtime, not the model, writes to GitHub. */
public final class GitHubIssues {
  private static final Logger LOG = LoggerFactory.getLogger(GitHubIssues.class);

  /** An issue as created (or found by its dedup key). */
  public record IssueRef(int number, String url) {}

  private final Gateway gateway;
  private final Duration timeout;

  public GitHubIssues(Gateway gateway, Duration timeout) {
    this.gateway = gateway;
    this.timeout = timeout;
  }

  public IssueRef create(String title, String body, List<String> labels, String dedupKey) throws GatewayException {
    ObjectNode args = Json.object().put("title", title).put("body", body).put("dedup_key", dedupKey);
    labels.forEach(args.putArray("labels")::add);
    ToolOutcome out = gateway.call(ToolNames.GITHUB_CREATE_ISSUE, args, timeout);
    if (out.error()) {
      throw new GatewayException("github-create-issue failed: " + out.text());
    }
    CreateIssueResult created;
    try {
      created = StructuredContent.read(out.structured(), CreateIssueResult.class);
    } catch (IllegalArgumentException e) {
      throw new GatewayException("github-create-issue answered without its result: " + e.getMessage());
    }
    if (created.wasCut()) {
      // The issue itself carries the Korean notice; the log says it for whoever reads the run.
      LOG.warn("Issue #{} was cut to GitHub's bounds: title -{} chars, body -{} chars", created.issueNumber(),
          created.titleOmittedChars(), created.bodyOmittedChars());
    }
    return new IssueRef(created.issueNumber(), created.url());
  }

  /** Posts a comment; false (logged) when GitHub refuses, so one lost comment does not end the run. */
  public boolean comment(int issue, String body) {
    return call(ToolNames.GITHUB_ADD_COMMENT, Json.object().put("issue_number", issue).put("body", body));
  }

  /** Posts a comment and answers its URL; empty (logged) when GitHub refused or returned none. */
  public java.util.Optional<String> commentAt(int issue, String body) {
    try {
      ToolOutcome out = gateway.call(ToolNames.GITHUB_ADD_COMMENT,
          Json.object().put("issue_number", issue).put("body", body), timeout);
      if (out.error()) {
        LOG.error("{} on issue #{} failed: {}", ToolNames.GITHUB_ADD_COMMENT, issue, out.text());
        return java.util.Optional.empty();
      }
      return StructuredContent.read(out.structured(), AddCommentResult.class).comments().stream().findFirst();
    } catch (GatewayException e) {
      LOG.error("{} on issue #{} failed: {}", ToolNames.GITHUB_ADD_COMMENT, issue, e.getMessage());
      return java.util.Optional.empty();
    } catch (IllegalArgumentException e) {
      LOG.warn("{} answered without its result: {}", ToolNames.GITHUB_ADD_COMMENT, e.getMessage());
      return java.util.Optional.empty();
    }
  }

  /** What GitHub says {@code login} may do on the repository, asked now (never taken from the comment). */
  public PermissionResult permission(String login) throws GatewayException {
    ToolOutcome out = gateway.call(ToolNames.GITHUB_GET_PERMISSION, Json.object().put("login", login), timeout);
    if (out.error()) {
      throw new GatewayException(ToolNames.GITHUB_GET_PERMISSION + " failed: " + out.text());
    }
    try {
      return StructuredContent.read(out.structured(), PermissionResult.class);
    } catch (IllegalArgumentException e) {
      throw new GatewayException(ToolNames.GITHUB_GET_PERMISSION + " answered without its result: " + e.getMessage());
    }
  }

  /** Adds and removes labels; false (logged) when GitHub refuses. */
  public boolean labels(int issue, List<String> add, List<String> remove) {
    ObjectNode args = Json.object().put("issue_number", issue);
    add.forEach(args.putArray("add_labels")::add);
    remove.forEach(args.putArray("remove_labels")::add);
    return call(ToolNames.GITHUB_UPDATE_ISSUE, args);
  }

  public boolean close(int issue, String comment) {
    return call(ToolNames.GITHUB_CLOSE_ISSUE,
        Json.object().put("issue_number", issue).put("comment", comment).put("reason", "completed"));
  }

  private boolean call(String tool, ObjectNode args) {
    try {
      ToolOutcome out = gateway.call(tool, args, timeout);
      if (out.error()) {
        LOG.error("{} on issue #{} failed: {}", tool, args.path("issue_number").asInt(), out.text());
        return false;
      }
      return true;
    } catch (GatewayException e) {
      LOG.error("{} on issue #{} failed: {}", tool, args.path("issue_number").asInt(), e.getMessage());
      return false;
    }
  }
}
