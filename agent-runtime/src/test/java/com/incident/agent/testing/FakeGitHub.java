package com.incident.agent.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.common.incident.IssueMarkers;
import com.incident.common.json.Json;
import com.incident.common.tool.ToolNames;
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
    public volatile boolean closed;
    public volatile String closeReason;

    Issue(int number, String title, String body, List<String> labels) {
      this.number = number;
      this.title = title;
      this.body = body;
      this.labels = labels;
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

  private final Map<Integer, Issue> issues = new ConcurrentHashMap<>();
  private final AtomicInteger numbers = new AtomicInteger(100);

  public FakeGitHub register(LoopbackGateway gateway) {
    gateway.tool(ToolNames.GITHUB_CREATE_ISSUE, LoopbackGateway.schema("title", "body"), this::create);
    gateway.tool(ToolNames.GITHUB_ADD_COMMENT, LoopbackGateway.schema("issue_number", "body"), args -> {
      Issue issue = issues.get(args.path("issue_number").asInt());
      if (issue == null) {
        return LoopbackGateway.error("Issue #" + args.path("issue_number").asInt() + " not found");
      }
      synchronized (issue.comments) {
        issue.comments.add(args.path("body").asText());
      }
      return LoopbackGateway.result("Comment added to #" + issue.number, Json.object().put("issue_number", issue.number));
    });
    gateway.tool(ToolNames.GITHUB_CLOSE_ISSUE, LoopbackGateway.schema("issue_number"), args -> {
      Issue issue = issues.get(args.path("issue_number").asInt());
      if (issue == null) {
        return LoopbackGateway.error("Issue not found");
      }
      if (args.hasNonNull("comment")) {
        synchronized (issue.comments) {
          issue.comments.add(args.path("comment").asText());
        }
      }
      issue.closed = true;
      issue.closeReason = args.path("reason").asText("completed");
      return LoopbackGateway.result("Closed #" + issue.number, Json.object().put("issue_number", issue.number).put("state", "closed"));
    });
    gateway.tool(ToolNames.GITHUB_LIST_ISSUES, LoopbackGateway.schema(), args -> LoopbackGateway.result(issues.size() + " issues", null));
    gateway.tool(ToolNames.GITHUB_FIND_SIMILAR, LoopbackGateway.schema(), args -> LoopbackGateway.result(
        "1 similar incident: #42 [인시던트] netaiops-cpu-spike 알람 발생 (score 80/100, root cause cpu-stress-workload, fixed by chaos-cleanup)",
        Json.object()));
    return this;
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
    String url = "https://github.com/acme/incidents/issues/" + issue.number;
    ObjectNode s = Json.object().put("number", issue.number).put("html_url", url).put("existing", existing);
    return LoopbackGateway.result((existing ? "Found existing issue #" : "Created issue #") + issue.number + " " + url, s);
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
