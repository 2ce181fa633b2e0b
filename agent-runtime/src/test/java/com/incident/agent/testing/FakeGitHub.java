package com.incident.agent.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.incident.IssueMarkers;
import com.incident.common.json.Json;
import com.incident.common.tool.ToolNames;
import com.incident.common.tool.result.AddCommentResult;
import com.incident.common.tool.result.CloseIssueResult;
import com.incident.common.tool.result.CreateIssueResult;
import com.incident.common.tool.result.IssueState;
import com.incident.common.tool.ToolSchemas;
import com.incident.common.tool.result.ListIssuesResult;
import com.incident.common.tool.result.PermissionResult;
import com.incident.common.tool.result.UpdateIssueResult;
import com.incident.common.tool.result.SimilarIncidentsResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The GitHub tools target, stateful: issues with bodies, labels, comments and state, dedup by key. */
public final class FakeGitHub {
  /** An issue and its timeline. */
  public static final class Issue {
    public final int number;
    public final String title;
    public final String body;
    public final List<String> labels;
    public final List<String> comments = new ArrayList<>();
    /** When each comment arrived ({@link System#nanoTime}), index by index with {@link #comments}. */
    public final List<Long> commentedAtNanos = new ArrayList<>();
    public volatile boolean closed;
    public volatile String closeReason;

    Issue(int number, String title, String body, List<String> labels) {
      this.number = number;
      this.title = title;
      this.body = body;
      this.labels = java.util.Collections.synchronizedList(new ArrayList<>(labels));
    }

    void add(String comment) {
      synchronized (comments) {
        comments.add(comment);
        commentedAtNanos.add(System.nanoTime());
      }
    }

    /** Body and comments in order, as a person reads the issue page. */
    public List<String> timeline() {
      List<String> all = new ArrayList<>();
      all.add(body);
      synchronized (comments) {
        all.addAll(comments);
      }
      return all;
    }
  }

  /** When every fake issue was opened; the workflow never reads it. */
  private static final Instant CREATED_AT = Instant.parse("2026-11-21T03:15:12Z");

  private final Map<Integer, Issue> issues = new ConcurrentHashMap<>();
  private final Map<String, String> permissions = new ConcurrentHashMap<>();
  private final List<String> permissionCalls = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final AtomicInteger numbers = new AtomicInteger(100);

  public FakeGitHub register(LoopbackGateway gateway) {
    gateway.tool(ToolNames.GITHUB_CREATE_ISSUE, LoopbackGateway.schema("title", "body"), this::create);
    gateway.tool(ToolNames.GITHUB_ADD_COMMENT, LoopbackGateway.schema("issue_number", "body"), args -> {
      Issue issue = issues.get(args.path("issue_number").asInt());
      if (issue == null) {
        return LoopbackGateway.error("Issue #" + args.path("issue_number").asInt() + " not found");
      }
      issue.add(args.path("body").asText());
      String url = url(issue) + "#issuecomment-" + (issue.number * 1000L + issue.comments.size());
      return LoopbackGateway.typedResult("Commented on issue #" + issue.number + ": " + url,
          new AddCommentResult(issue.number, List.of(url), 0, 0, 1, 6));
    });
    gateway.tool(ToolNames.GITHUB_CLOSE_ISSUE, LoopbackGateway.schema("issue_number"), args -> {
      Issue issue = issues.get(args.path("issue_number").asInt());
      if (issue == null) {
        return LoopbackGateway.error("Issue not found");
      }
      boolean commented = args.hasNonNull("comment");
      if (commented) {
        issue.add(args.path("comment").asText());
      }
      issue.closed = true;
      issue.closeReason = args.path("reason").asText("completed");
      return LoopbackGateway.typedResult("Closed issue #" + issue.number + " as " + issue.closeReason + ": " + url(issue),
          new CloseIssueResult(issue.number, IssueState.CLOSED, issue.closeReason, commented, url(issue)));
    });
    gateway.tool(ToolNames.GITHUB_LIST_ISSUES, LoopbackGateway.schema(), args -> LoopbackGateway.typedResult(issues.size() + " issues",
        new ListIssuesResult(issues().stream().map(i -> new ListIssuesResult.Issue(i.number, i.title,
            i.closed ? IssueState.CLOSED : IssueState.OPEN, i.labels, CREATED_AT, i.closed ? CREATED_AT : null, url(i))).toList())));
    gateway.tool(ToolNames.GITHUB_FIND_SIMILAR, LoopbackGateway.schema(), args -> LoopbackGateway.typedResult(
        "1 similar incident: #42 [인시던트] netaiops-cpu-spike 알람 발생 (score 80/100, root cause cpu-stress-workload, fixed by chaos-cleanup)",
        new SimilarIncidentsResult(1, List.of(new SimilarIncidentsResult.Match(42,
            "[인시던트] netaiops-cpu-spike 알람 발생", "https://github.com/acme/incidents/issues/42", CREATED_AT, 80,
            new SimilarIncidentsResult.Breakdown(40, 20, 20, 0), "cpu-stress-workload - stress-ng 워크로드가 CPU를 점유",
            "remediation stress-workload: chaos-cleanup으로 stress 디플로이먼트 삭제")))));
    gateway.tool(ToolSchemas.tool(ToolNames.GITHUB_UPDATE_ISSUE, "Scripted update", schemaOf("issue_number"), false,
        UpdateIssueResult.class), this::update);
    gateway.tool(ToolSchemas.tool(ToolNames.GITHUB_GET_PERMISSION, "Scripted permission", schemaOf("login"), true,
        PermissionResult.class), args -> {
          String login = args.path("login").asText();
          permissionCalls.add(login);
          String permission = permissions.getOrDefault(login, "none");
          return LoopbackGateway.typedResult(login + " has " + permission + " permission", new PermissionResult(login,
              permission, List.of("admin", "maintain", "write").contains(permission)));
        });
    return this;
  }

  /** The repository permission GitHub reports for {@code login} (admin, maintain, write, triage, read; default none). */
  public FakeGitHub permission(String login, String permission) {
    permissions.put(login, permission);
    return this;
  }

  /** The logins whose permission was asked, in order. */
  public List<String> permissionCalls() {
    return List.copyOf(permissionCalls);
  }

  private JsonNode update(JsonNode args) {
    Issue issue = issues.get(args.path("issue_number").asInt());
    if (issue == null) {
      return LoopbackGateway.error("Issue #" + args.path("issue_number").asInt() + " not found");
    }
    args.path("remove_labels").forEach(l -> issue.labels.remove(l.asText()));
    args.path("add_labels").forEach(l -> {
      if (!issue.labels.contains(l.asText())) {
        issue.labels.add(l.asText());
      }
    });
    return LoopbackGateway.typedResult("Updated issue #" + issue.number, new UpdateIssueResult(issue.number, false, 0,
        List.copyOf(issue.labels), null, url(issue)));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> schemaOf(String... required) {
    return Json.MAPPER.convertValue(LoopbackGateway.schema(required), Map.class);
  }

  /** Pre-seeds an open issue, as if an earlier session had created it. */
  public Issue seed(String title, String dedupKey) {
    Issue issue = new Issue(numbers.incrementAndGet(), title, "seeded\n" + IssueMarkers.dedupMarker(dedupKey), List.of("incident"));
    issues.put(issue.number, issue);
    return issue;
  }

  private synchronized JsonNode create(JsonNode args) {
    String key = args.path("dedup_key").asText(null);
    for (Issue existing : issues.values()) {
      if (!existing.closed && key != null && IssueMarkers.dedupKey(existing.body).map(key::equals).orElse(false)) {
        return created(existing, true);
      }
    }
    List<String> labels = new ArrayList<>();
    args.path("labels").forEach(l -> labels.add(l.asText()));
    Issue issue = new Issue(numbers.incrementAndGet(), args.path("title").asText(), args.path("body").asText(), labels);
    issues.put(issue.number, issue);
    return created(issue, false);
  }

  private static JsonNode created(Issue issue, boolean existing) {
    String url = url(issue);
    CreateIssueResult result = existing
        ? new CreateIssueResult(issue.number, url, false, issue.labels, null, null, null, null, null)
        : new CreateIssueResult(issue.number, url, true, issue.labels, null, 0, 0, 1, 6);
    return LoopbackGateway.typedResult(existing
        ? "Issue #" + issue.number + " is already open for this dedup key; no new issue was created: " + url
        : "Created issue #" + issue.number + ": " + url, result);
  }

  private static String url(Issue issue) {
    return "https://github.com/acme/incidents/issues/" + issue.number;
  }

  public List<Issue> issues() {
    return issues.values().stream().sorted((a, b) -> Integer.compare(a.number, b.number)).toList();
  }

  public Issue only() {
    List<Issue> all = issues();
    if (all.size() != 1) {
      throw new AssertionError("expected exactly one issue, found " + all.size());
    }
    return all.getFirst();
  }
}
