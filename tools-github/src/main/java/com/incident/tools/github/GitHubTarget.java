package com.incident.tools.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.incident.RootCauseCategory;
import com.incident.common.tool.ToolArguments;
import com.incident.common.tool.ToolContext;
import com.incident.common.tool.ToolException;
import com.incident.common.tool.ToolNames;
import com.incident.common.tool.ToolResult;
import com.incident.common.tool.ToolSchemas;
import com.incident.common.tool.ToolTarget;
import com.incident.common.tool.result.AddCommentResult;
import com.incident.common.tool.result.CloseIssueResult;
import com.incident.common.tool.result.CreateIssueResult;
import com.incident.common.tool.result.ListIssuesResult;
import com.incident.common.tool.result.PermissionResult;
import com.incident.common.tool.result.SimilarIncidentsResult;
import com.incident.common.tool.result.UpdateIssueResult;
import com.incident.tools.github.client.IssueTracker.CloseReason;
import com.incident.tools.github.client.IssueTracker.State;
import com.incident.tools.github.client.RateLimitPolicy;
import com.incident.tools.github.core.LabelPolicy;
import com.incident.tools.github.core.SimilarityQuery;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Tool definitions and argument parsing; the work is in {@link IssueOperations}. */
final class GitHubTarget implements ToolTarget {
  private static final String DEDUP_KEY_PATTERN = "^[A-Za-z0-9._:/#@=+-]{1,128}$";
  private static final Duration WAIT_MARGIN = Duration.ofSeconds(2);
  /** GitHub's login rule: letters, digits and inner hyphens, at most 39 characters. */
  private static final String LOGIN_PATTERN = "^[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?$";
  /** Comment ids pass 2^31; JSON numbers are exact up to 2^53 - 1. */
  private static final long MAX_SAFE_ID = 9_007_199_254_740_991L;
  private static final List<McpSchema.Tool> TOOLS = List.of(
      ToolSchemas.tool(ToolNames.GITHUB_CREATE_ISSUE,
          "Create the incident issue in the configured repository (title and body in Korean). Missing labels are created "
              + "(incident, severity:critical|high|medium|low, auto-analysis, alarm:<name>). With dedup_key, an open issue "
              + "carrying that key is returned instead of a new one, so retries never duplicate. Bodies over 65536 chars are "
              + "split at Markdown block boundaries into numbered comments; a body longer than the issue plus the configured number "
              + "of comments is cut at a line or word boundary, ending with a Korean notice, and the result reports what was cut.",
          ToolSchemas.object()
              .string("title", "Issue title; over GitHub's 256 characters it is shortened at a word boundary with …", true)
              .string("body", "Issue body (GitHub Markdown)", true)
              .stringArray("labels", "Labels, at most 20; missing ones are created", false, LabelPolicy.MAX_LABELS)
              .string("dedup_key", "Stable incident key, e.g. the incident id; stored as a hidden marker in the body", false, DEDUP_KEY_PATTERN, null)
              .build(), false, CreateIssueResult.class),
      ToolSchemas.tool(ToolNames.GITHUB_ADD_COMMENT,
          "Add a comment (Korean) to an issue's timeline; over 65536 chars it is split into numbered comments.",
          ToolSchemas.object()
              .integer("issue_number", "Issue number", true, 1, Integer.MAX_VALUE, null)
              .string("body", "Comment body (GitHub Markdown)", true)
              .build(), false, AddCommentResult.class),
      ToolSchemas.tool(ToolNames.GITHUB_LIST_ISSUES,
          "List issues newest first: number, title, state, labels, created/closed time, url. Pull requests are excluded.",
          ToolSchemas.object()
              .enumeration("state", "Issue state, default open", false, List.of("open", "closed", "all"))
              .stringArray("labels", "Only issues carrying all of these labels", false, LabelPolicy.MAX_LABELS)
              .integer("limit", "At most this many issues, default 20", false, 1, 50, 20)
              .build(), true, ListIssuesResult.class),
      ToolSchemas.tool(ToolNames.GITHUB_CLOSE_ISSUE,
          "Close an issue, first adding the optional closing comment (Korean). Closing an already closed issue changes nothing "
              + "and does not repeat an identical last comment.",
          ToolSchemas.object()
              .integer("issue_number", "Issue number", true, 1, Integer.MAX_VALUE, null)
              .string("comment", "Closing comment (GitHub Markdown)", false)
              .enumeration("reason", "Close reason, default completed", false, List.of("completed", "not_planned"))
              .build(), false, CloseIssueResult.class),
      ToolSchemas.tool(ToolNames.GITHUB_FIND_SIMILAR,
          "Find similar past incidents among closed issues labelled 'incident', scored out of 100: same service 40, similar "
              + "symptoms 30, same root-cause category 20, same tech stack 10. Returns score, link, recorded root cause and fix.",
          ToolSchemas.object()
              .string("alarm_name", "CloudWatch alarm name of the current incident", false)
              .string("service", "Affected service or workload, e.g. checkout-api or payments/checkout-api", false)
              .string("symptoms", "Observed symptoms: metrics, errors, log patterns", false)
              .enumeration("category", "Suspected root-cause category, if known", false,
                  Arrays.stream(RootCauseCategory.values()).map(RootCauseCategory::id).toList())
              .stringArray("tech_stack", "Technologies involved, e.g. Java, EKS, Aurora", false, 20)
              .integer("limit", "At most this many matches, default 5", false, 1, 20, 5)
              .build(), true, SimilarIncidentsResult.class),
      ToolSchemas.tool(ToolNames.GITHUB_UPDATE_ISSUE,
          "Edit an incident issue: replace its body (one piece of at most 65536 chars; a longer body is cut at a line or word "
              + "boundary and ends with a Korean notice; the issue's dedup marker is kept), add or remove labels (missing ones are "
              + "created as for github-create-issue), and/or edit one comment of the issue written by this suite's own account.",
          ToolSchemas.object()
              .integer("issue_number", "Issue number", true, 1, Integer.MAX_VALUE, null)
              .string("body", "New issue body (GitHub Markdown); omit to keep the body", false)
              .stringArray("add_labels", "Labels to add; missing ones are created", false, LabelPolicy.MAX_LABELS)
              .stringArray("remove_labels", "Labels to remove; ones the issue does not carry are ignored", false, LabelPolicy.MAX_LABELS)
              .property("comment_id", Map.of("type", "integer", "description",
                  "Id of a comment on this issue written by this suite (with comment_body)", "minimum", 1, "maximum", MAX_SAFE_ID), false)
              .string("comment_body", "New text of that comment (GitHub Markdown)", false)
              .build(), false, UpdateIssueResult.class),
      ToolSchemas.tool(ToolNames.GITHUB_GET_PERMISSION,
          "A GitHub login's permission on the incident repository, asked of GitHub: admin, maintain, write, triage, read, "
              + "a custom role's name, or none (not a collaborator). canWrite is true for admin, maintain, write and roles based on write.",
          ToolSchemas.object()
              .string("login", "GitHub login, e.g. octocat", true, LOGIN_PATTERN, 39)
              .build(), true, PermissionResult.class));

  private final IssueOperations operations;
  private final RateLimitPolicy rateLimits;

  GitHubTarget(IssueOperations operations, RateLimitPolicy rateLimits) {
    this.operations = operations;
    this.rateLimits = rateLimits;
  }

  @Override
  public List<McpSchema.Tool> tools() {
    return TOOLS;
  }

  @Override
  public ToolResult call(String name, ToolArguments args, ToolContext context) {
    Duration remaining = context.remaining().minus(WAIT_MARGIN);
    rateLimits.beginCall(remaining.isNegative() ? Duration.ZERO : remaining);
    return switch (name) {
      case ToolNames.GITHUB_CREATE_ISSUE -> operations.create(
          args.string("title"), args.string("body"), args.stringList("labels"), args.optionalString("dedup_key").orElse(null));
      case ToolNames.GITHUB_ADD_COMMENT -> operations.addComment(issueNumber(args), args.string("body"));
      case ToolNames.GITHUB_LIST_ISSUES -> operations.list(
          State.valueOf(args.string("state", "open").toUpperCase()), args.stringList("labels"), args.integer("limit", 20));
      case ToolNames.GITHUB_CLOSE_ISSUE -> operations.close(issueNumber(args), args.optionalString("comment").orElse(null),
          CloseReason.valueOf(args.string("reason", "completed").toUpperCase()));
      case ToolNames.GITHUB_FIND_SIMILAR -> findSimilar(args);
      case ToolNames.GITHUB_UPDATE_ISSUE -> operations.update(new IssueOperations.Update(issueNumber(args),
          args.optionalString("body").orElse(null), args.stringList("add_labels"), args.stringList("remove_labels"),
          commentId(args), args.optionalString("comment_body").orElse(null)));
      case ToolNames.GITHUB_GET_PERMISSION -> operations.permission(login(args));
      default -> throw new ToolException("Unknown tool " + name);
    };
  }

  private ToolResult findSimilar(ToolArguments args) {
    String alarm = args.optionalString("alarm_name").orElse(null);
    String service = args.optionalString("service").orElse(null);
    String symptoms = args.optionalString("symptoms").orElse(null);
    if (alarm == null && service == null && symptoms == null) {
      throw new ToolException("Give at least one of alarm_name, service or symptoms");
    }
    RootCauseCategory category = args.optionalString("category").map(RootCauseCategory::fromId).orElse(null);
    return operations.findSimilar(new SimilarityQuery(alarm, service, symptoms, category, args.stringList("tech_stack")), args.integer("limit", 5));
  }

  private static Long commentId(ToolArguments args) {
    JsonNode v = args.raw("comment_id");
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 1 || v.longValue() > MAX_SAFE_ID) {
      throw new ToolException("comment_id must be a positive comment id, got " + v);
    }
    return v.longValue();
  }

  private static String login(ToolArguments args) {
    String login = args.string("login").strip();
    if (!login.matches(LOGIN_PATTERN)) {
      throw new ToolException("login must be a GitHub login (letters, digits and inner hyphens, at most 39 characters), got '"
          + (login.length() > 60 ? login.substring(0, 60) + "…" : login) + "'");
    }
    return login;
  }

  private static int issueNumber(ToolArguments args) {
    int n = args.integer("issue_number", -1);
    if (n < 1) {
      throw new ToolException("issue_number must be a positive issue number");
    }
    return n;
  }
}
