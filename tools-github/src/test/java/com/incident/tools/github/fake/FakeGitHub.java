package com.incident.tools.github.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.common.json.Json;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * A stateful fake of the GitHub REST API (v3, API version 2022-11-28) for one repository, on 127.0.0.1.
 *
 * <p>It keeps issues, comments and labels in memory and answers the endpoints the GitHub tools use: repository,
 * issues (list with state/labels/sort/direction/per_page/page and a {@code Link} header, get, create, update),
 * issue comments, labels, and the GitHub App installation-token flow. Response bodies follow the shapes in the
 * REST reference (https://docs.github.com/en/rest/issues/issues, /issues/comments, /issues/labels,
 * /apps/apps#create-an-installation-access-token-for-an-app) and GitHub's validation behaviour: 422
 * "Validation Failed" with {@code errors[]} for a missing title, a title over 256 or a body over 65536 characters, a label name over
 * 50 characters or an existing label; labels unknown at issue creation are auto-created in grey, as GitHub does.
 *
 * <p>Tests script failures with {@link #enqueue(MockResponse)} (served before normal handling) and can hold
 * issue creation until N requests arrived ({@link #holdIssueCreation(int)}) to force dedup races.
 */
public final class FakeGitHub implements AutoCloseable {
  public static final int MAX_BODY = 65_536;
  /** GitHub's issue title limit (github/accessibility-scanner#69 truncates to it; the REST docs do not state it). */
  public static final int MAX_TITLE = 256;

  /** One issue; mutable state is guarded by the fake's lock. */
  public static final class Issue {
    public final int number;
    public final long id;
    public String title;
    public String body;
    public String state = "open";
    public String stateReason;
    public final List<String> labels = new ArrayList<>();
    public final Instant createdAt;
    public Instant updatedAt;
    public Instant closedAt;
    public final List<Comment> comments = new ArrayList<>();

    Issue(int number, String title, String body, Instant createdAt) {
      this.number = number;
      this.id = 1_000_000L + number;
      this.title = title;
      this.body = body;
      this.createdAt = createdAt;
      this.updatedAt = createdAt;
    }
  }

  public record Comment(long id, String body, Instant createdAt) {}

  public record Label(String name, String color, String description) {}

  private final String owner;
  private final String repo;
  private final MockWebServer server = new MockWebServer();
  private final Object lock = new Object();
  private final Map<Integer, Issue> issues = new LinkedHashMap<>();
  private final Map<String, Label> labels = new LinkedHashMap<>();
  private final Set<String> tokens = ConcurrentHashMap.newKeySet();
  private final Deque<MockResponse> scripted = new ArrayDeque<>();
  private final List<String> requestLog = new CopyOnWriteArrayList<>();
  private final List<byte[]> writeBodies = new CopyOnWriteArrayList<>();
  private final AtomicInteger installationTokensMinted = new AtomicInteger();
  private volatile CyclicBarrier creationBarrier;
  private volatile RSAPublicKey appKey;
  private volatile long appId;
  private int nextNumber = 1;
  private long nextCommentId = 5_000_000L;
  private Instant now = Instant.parse("2026-11-21T03:00:00Z");

  public FakeGitHub(String owner, String repo, String token) {
    this.owner = owner;
    this.repo = repo;
    this.tokens.add(token);
  }

  public FakeGitHub start() {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return handle(request);
      }
    });
    try {
      server.start(InetAddress.getByName("127.0.0.1"), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** The API base URL, as GITHUB_API_URL would be set (no trailing slash). */
  public String url() {
    String u = server.url("/").toString();
    return u.substring(0, u.length() - 1);
  }

  @Override
  public void close() {
    server.close();
  }

  // ---- state access for tests -------------------------------------------------------------------------

  public List<Issue> issues() {
    synchronized (lock) {
      return List.copyOf(issues.values());
    }
  }

  public Issue issue(int number) {
    synchronized (lock) {
      return issues.get(number);
    }
  }

  public List<Comment> comments(int number) {
    synchronized (lock) {
      Issue i = issues.get(number);
      return i == null ? List.of() : List.copyOf(i.comments);
    }
  }

  public Map<String, Label> labels() {
    synchronized (lock) {
      return Map.copyOf(labels);
    }
  }

  /** "METHOD /path?query" of every request, in arrival order. */
  public List<String> requests() {
    return List.copyOf(requestLog);
  }

  /** Raw bytes of every POST/PATCH request body, exactly as received. */
  public List<byte[]> writeBodies() {
    return List.copyOf(writeBodies);
  }

  public int installationTokensMinted() {
    return installationTokensMinted.get();
  }

  /** Adds an existing issue, e.g. a past incident. */
  public Issue seedIssue(String title, String body, List<String> issueLabels, Instant createdAt, Instant closedAt) {
    synchronized (lock) {
      Issue i = new Issue(nextNumber++, title, body, createdAt);
      for (String l : issueLabels) {
        labels.putIfAbsent(l.toLowerCase(), new Label(l, "ededed", null));
        i.labels.add(labels.get(l.toLowerCase()).name());
      }
      if (closedAt != null) {
        i.state = "closed";
        i.stateReason = "completed";
        i.closedAt = closedAt;
        i.updatedAt = closedAt;
      }
      issues.put(i.number, i);
      return i;
    }
  }

  public void seedLabel(String name, String color) {
    synchronized (lock) {
      labels.put(name.toLowerCase(), new Label(name, color, null));
    }
  }

  /** The next request gets this response instead of normal handling (FIFO). */
  public void enqueue(MockResponse response) {
    synchronized (lock) {
      scripted.add(response);
    }
  }

  /** Issue creation requests wait until {@code parties} of them have arrived, then all proceed. */
  public void holdIssueCreation(int parties) {
    creationBarrier = new CyclicBarrier(parties);
  }

  /** Enables the GitHub App flow: JWTs signed by this key with iss = appId get installation tokens. */
  public void enableApp(long id, RSAPublicKey publicKey) {
    this.appId = id;
    this.appKey = publicKey;
  }

  // ---- dispatch -----------------------------------------------------------------------------------------

  private static final Pattern ISSUES = Pattern.compile("/repos/([^/]+)/([^/]+)/issues");
  private static final Pattern ISSUE = Pattern.compile("/repos/([^/]+)/([^/]+)/issues/(\\d+)");
  private static final Pattern ISSUE_COMMENTS = Pattern.compile("/repos/([^/]+)/([^/]+)/issues/(\\d+)/comments");
  private static final Pattern LABELS = Pattern.compile("/repos/([^/]+)/([^/]+)/labels");
  private static final Pattern REPO = Pattern.compile("/repos/([^/]+)/([^/]+)");
  private static final Pattern INSTALLATION = Pattern.compile("/repos/([^/]+)/([^/]+)/installation");
  private static final Pattern ACCESS_TOKENS = Pattern.compile("/app/installations/(\\d+)/access_tokens");

  private MockResponse handle(RecordedRequest request) {
    HttpUrl url = request.getUrl();
    String method = request.getMethod();
    String path = url.encodedPath();
    requestLog.add(method + " " + path + (url.encodedQuery() == null ? "" : "?" + url.encodedQuery()));
    byte[] raw = request.getBody() == null ? new byte[0] : request.getBody().toByteArray();
    if ("POST".equals(method) || "PATCH".equals(method)) {
      writeBodies.add(raw);
    }
    synchronized (lock) {
      if (!scripted.isEmpty()) {
        return scripted.poll();
      }
    }
    try {
      if ("/app".equals(path) || ACCESS_TOKENS.matcher(path).matches() || INSTALLATION.matcher(path).matches()) {
        return app(method, path, request.getHeaders().get("Authorization"));
      }
      if (!authorized(request.getHeaders().get("Authorization"))) {
        return error(401, "Bad credentials", "https://docs.github.com/rest");
      }
      JsonNode json = raw.length == 0 ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(new String(raw, StandardCharsets.UTF_8));
      Matcher m;
      if ((m = ISSUE_COMMENTS.matcher(path)).matches() && ours(m)) {
        return "POST".equals(method) ? createComment(Integer.parseInt(m.group(3)), json) : listComments(Integer.parseInt(m.group(3)), url);
      }
      if ((m = ISSUE.matcher(path)).matches() && ours(m)) {
        return "PATCH".equals(method) ? updateIssue(Integer.parseInt(m.group(3)), json) : getIssue(Integer.parseInt(m.group(3)));
      }
      if ((m = ISSUES.matcher(path)).matches() && ours(m)) {
        return "POST".equals(method) ? createIssue(json) : listIssues(url);
      }
      if ((m = LABELS.matcher(path)).matches() && ours(m)) {
        return "POST".equals(method) ? createLabel(json) : listLabels(url);
      }
      if ((m = REPO.matcher(path)).matches() && ours(m)) {
        return json(200, repository());
      }
      return error(404, "Not Found", "https://docs.github.com/rest");
    } catch (IOException e) {
      return error(400, "Problems parsing JSON", "https://docs.github.com/rest");
    }
  }

  private boolean ours(Matcher m) {
    return owner.equalsIgnoreCase(m.group(1)) && repo.equalsIgnoreCase(m.group(2));
  }

  private boolean authorized(String header) {
    if (header == null) {
      return false;
    }
    String value = header.replaceFirst("^(?i)(bearer|token)\\s+", "");
    return tokens.contains(value);
  }

  private MockResponse createIssue(JsonNode json) {
    String title = json.path("title").asText("");
    String body = json.path("body").isNull() ? null : json.path("body").asText(null);
    if (title.isBlank()) {
      return validation("Issue", "title", "missing_field", null);
    }
    if (title.codePointCount(0, title.length()) > MAX_TITLE) {
      return validation("Issue", "title", "custom", "title is too long (maximum is 256 characters)");
    }
    if (body != null && body.length() > MAX_BODY) {
      return validation("Issue", "body", "custom", "body is too long (maximum is 65536 characters)");
    }
    CyclicBarrier barrier = creationBarrier;
    if (barrier != null) {
      try {
        barrier.await(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        return error(500, "barrier broken", null);
      }
    }
    synchronized (lock) {
      Issue issue = new Issue(nextNumber++, title, body, tick());
      for (JsonNode l : json.path("labels")) {
        Label label = labels.computeIfAbsent(l.asText().toLowerCase(), k -> new Label(l.asText(), "ededed", null));
        issue.labels.add(label.name());
      }
      issues.put(issue.number, issue);
      return json(201, issueJson(issue));
    }
  }

  private MockResponse getIssue(int number) {
    synchronized (lock) {
      Issue issue = issues.get(number);
      return issue == null ? error(404, "Not Found", "https://docs.github.com/rest/issues/issues#get-an-issue") : json(200, issueJson(issue));
    }
  }

  private MockResponse updateIssue(int number, JsonNode json) {
    synchronized (lock) {
      Issue issue = issues.get(number);
      if (issue == null) {
        return error(404, "Not Found", "https://docs.github.com/rest/issues/issues#update-an-issue");
      }
      if (json.has("title")) {
        issue.title = json.get("title").asText();
      }
      if (json.has("body")) {
        issue.body = json.get("body").asText();
      }
      if (json.has("state")) {
        String state = json.get("state").asText();
        if ("closed".equals(state) && "open".equals(issue.state)) {
          issue.closedAt = tick();
        } else if ("open".equals(state)) {
          issue.closedAt = null;
        }
        issue.state = state;
        issue.stateReason = "closed".equals(state) ? json.path("state_reason").asText("completed") : "reopened";
      }
      issue.updatedAt = tick();
      return json(200, issueJson(issue));
    }
  }

  private MockResponse listIssues(HttpUrl url) {
    String state = param(url, "state", "open");
    List<String> wanted = url.queryParameter("labels") == null ? List.of()
        : List.of(url.queryParameter("labels").split(",")).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    boolean asc = "asc".equals(param(url, "direction", "desc"));
    List<ObjectNode> rows;
    synchronized (lock) {
      rows = issues.values().stream()
          .filter(i -> "all".equals(state) || i.state.equals(state))
          .filter(i -> wanted.stream().allMatch(w -> i.labels.stream().anyMatch(w::equalsIgnoreCase)))
          .sorted(asc ? Comparator.comparing((Issue i) -> i.createdAt).thenComparingInt(i -> i.number)
              : Comparator.comparing((Issue i) -> i.createdAt).thenComparingInt(i -> i.number).reversed())
          .map(this::issueJson)
          .toList();
    }
    return page(url, rows);
  }

  private MockResponse createComment(int number, JsonNode json) {
    String body = json.path("body").asText("");
    if (body.isBlank()) {
      return validation("IssueComment", "body", "missing_field", null);
    }
    if (body.length() > MAX_BODY) {
      return validation("IssueComment", "body", "custom", "body is too long (maximum is 65536 characters)");
    }
    synchronized (lock) {
      Issue issue = issues.get(number);
      if (issue == null) {
        return error(404, "Not Found", "https://docs.github.com/rest/issues/comments#create-an-issue-comment");
      }
      Comment c = new Comment(nextCommentId++, body, tick());
      issue.comments.add(c);
      return json(201, commentJson(issue, c));
    }
  }

  private MockResponse listComments(int number, HttpUrl url) {
    List<ObjectNode> rows;
    synchronized (lock) {
      Issue issue = issues.get(number);
      if (issue == null) {
        return error(404, "Not Found", "https://docs.github.com/rest/issues/comments#list-issue-comments");
      }
      rows = issue.comments.stream().map(c -> commentJson(issue, c)).toList();
    }
    return page(url, rows);
  }

  private MockResponse createLabel(JsonNode json) {
    String name = json.path("name").asText("");
    if (name.isBlank() || name.length() > 50) {
      return validation("Label", "name", name.isBlank() ? "missing_field" : "invalid", null);
    }
    synchronized (lock) {
      if (labels.containsKey(name.toLowerCase())) {
        return validation("Label", "name", "already_exists", null);
      }
      Label label = new Label(name, json.path("color").asText("ededed"), json.path("description").asText(null));
      labels.put(name.toLowerCase(), label);
      return json(201, labelJson(label));
    }
  }

  private MockResponse listLabels(HttpUrl url) {
    List<ObjectNode> rows;
    synchronized (lock) {
      rows = labels.values().stream().map(this::labelJson).toList();
    }
    return page(url, rows);
  }

  private MockResponse app(String method, String path, String authorization) {
    RSAPublicKey key = appKey;
    if (key == null) {
      return error(404, "Not Found", null);
    }
    if (path.startsWith("/repos/") || "/app".equals(path) || "POST".equals(method)) {
      if (!validAppJwt(authorization, key)) {
        return error(401, "A JSON web token could not be decoded", "https://docs.github.com/rest");
      }
    }
    ObjectNode out = Json.MAPPER.createObjectNode();
    if ("/app".equals(path)) {
      out.put("id", appId).put("slug", "incident-analyzer").put("name", "Incident Analyzer").set("owner", user(owner));
      out.set("permissions", Json.MAPPER.createObjectNode().put("issues", "write").put("metadata", "read"));
      out.set("events", Json.MAPPER.createArrayNode());
      return json(200, out);
    }
    if (path.startsWith("/repos/")) {
      out.put("id", 4242).put("app_id", appId).put("target_type", "Organization")
          .put("access_tokens_url", url() + "/app/installations/4242/access_tokens").set("account", user(owner));
      out.set("permissions", Json.MAPPER.createObjectNode().put("issues", "write").put("metadata", "read"));
      return json(200, out);
    }
    String token = "ghs_fakeInstallationToken" + installationTokensMinted.incrementAndGet();
    tokens.add(token);
    out.put("token", token).put("expires_at", Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS).toString())
        .put("repository_selection", "selected");
    out.set("permissions", Json.MAPPER.createObjectNode().put("issues", "write").put("metadata", "read"));
    return json(201, out);
  }

  private boolean validAppJwt(String authorization, RSAPublicKey key) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    try {
      SignedJWT jwt = SignedJWT.parse(authorization.substring(7).trim());
      return jwt.verify(new RSASSAVerifier(key))
          && String.valueOf(appId).equals(jwt.getJWTClaimsSet().getIssuer())
          && jwt.getJWTClaimsSet().getExpirationTime().toInstant().isAfter(Instant.now());
    } catch (Exception e) {
      return false;
    }
  }

  // ---- JSON shapes ---------------------------------------------------------------------------------------

  private String repoApi() {
    return url() + "/repos/" + owner + "/" + repo;
  }

  private String htmlBase() {
    return "https://github.example.com/" + owner + "/" + repo;
  }

  private ObjectNode repository() {
    ObjectNode r = Json.MAPPER.createObjectNode();
    r.put("id", 777).put("node_id", "R_kgDOfake").put("name", repo).put("full_name", owner + "/" + repo)
        .put("private", true).put("html_url", htmlBase()).put("url", repoApi()).put("has_issues", true)
        .put("default_branch", "main").put("open_issues_count", issues().stream().filter(i -> "open".equals(i.state)).count());
    r.set("owner", user(owner));
    r.set("permissions", Json.MAPPER.createObjectNode().put("admin", false).put("push", true).put("pull", true));
    return r;
  }

  private ObjectNode issueJson(Issue i) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("id", i.id).put("node_id", "I_kwDOfake" + i.number).put("url", repoApi() + "/issues/" + i.number)
        .put("repository_url", repoApi()).put("labels_url", repoApi() + "/issues/" + i.number + "/labels{/name}")
        .put("comments_url", repoApi() + "/issues/" + i.number + "/comments").put("events_url", repoApi() + "/issues/" + i.number + "/events")
        .put("html_url", htmlBase() + "/issues/" + i.number).put("number", i.number).put("state", i.state)
        .put("state_reason", i.stateReason).put("title", i.title).put("body", i.body).put("locked", false)
        .put("comments", i.comments.size()).put("created_at", i.createdAt.toString()).put("updated_at", i.updatedAt.toString())
        .put("closed_at", i.closedAt == null ? null : i.closedAt.toString()).put("author_association", "NONE");
    n.set("user", user("incident-bot"));
    ArrayNode ls = n.putArray("labels");
    i.labels.forEach(l -> ls.add(labelJson(labels.getOrDefault(l.toLowerCase(), new Label(l, "ededed", null)))));
    n.putArray("assignees");
    n.putNull("assignee");
    n.putNull("milestone");
    return n;
  }

  private ObjectNode commentJson(Issue issue, Comment c) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("id", c.id()).put("node_id", "IC_kwDOfake" + c.id()).put("url", repoApi() + "/issues/comments/" + c.id())
        .put("html_url", htmlBase() + "/issues/" + issue.number + "#issuecomment-" + c.id()).put("body", c.body())
        .put("created_at", c.createdAt().toString()).put("updated_at", c.createdAt().toString())
        .put("issue_url", repoApi() + "/issues/" + issue.number).put("author_association", "NONE");
    n.set("user", user("incident-bot"));
    return n;
  }

  private ObjectNode labelJson(Label l) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("id", 200_000 + Math.abs(l.name().toLowerCase().hashCode() % 100_000)).put("node_id", "LA_fake")
        .put("url", repoApi() + "/labels/" + l.name()).put("name", l.name()).put("color", l.color())
        .put("default", false).put("description", l.description());
    return n;
  }

  private static ObjectNode user(String login) {
    ObjectNode u = Json.MAPPER.createObjectNode();
    u.put("login", login).put("id", 42).put("node_id", "U_fake").put("type", "Bot").put("site_admin", false);
    return u;
  }

  private MockResponse page(HttpUrl url, List<ObjectNode> rows) {
    int perPage = Math.min(100, Math.max(1, Integer.parseInt(param(url, "per_page", "30"))));
    int page = Math.max(1, Integer.parseInt(param(url, "page", "1")));
    int from = Math.min(rows.size(), (page - 1) * perPage);
    int to = Math.min(rows.size(), from + perPage);
    ArrayNode array = Json.MAPPER.createArrayNode();
    rows.subList(from, to).forEach(array::add);
    MockResponse.Builder b = base(200).body(Json.write(array));
    int last = Math.max(1, (rows.size() + perPage - 1) / perPage);
    if (page < last) {
      b.addHeader("Link", "<" + url.newBuilder().setQueryParameter("page", String.valueOf(page + 1)).build() + ">; rel=\"next\", <"
          + url.newBuilder().setQueryParameter("page", String.valueOf(last)).build() + ">; rel=\"last\"");
    }
    return b.build();
  }

  private static String param(HttpUrl url, String name, String fallback) {
    String v = url.queryParameter(name);
    return v == null || v.isBlank() ? fallback : v;
  }

  private Instant tick() {
    synchronized (lock) {
      now = now.plusSeconds(1);
      return now;
    }
  }

  private static MockResponse.Builder base(int code) {
    return new MockResponse.Builder().code(code)
        .addHeader("Content-Type", "application/json; charset=utf-8")
        .addHeader("X-GitHub-Api-Version-Selected", "2022-11-28")
        .addHeader("X-RateLimit-Limit", "5000")
        .addHeader("X-RateLimit-Remaining", "4990")
        .addHeader("X-RateLimit-Reset", String.valueOf(Instant.now().plusSeconds(3600).getEpochSecond()))
        .addHeader("X-RateLimit-Resource", "core");
  }

  private static MockResponse json(int code, JsonNode body) {
    return base(code).body(Json.write(body)).build();
  }

  private static MockResponse error(int code, String message, String doc) {
    ObjectNode n = Json.MAPPER.createObjectNode().put("message", message);
    if (doc != null) {
      n.put("documentation_url", doc);
    }
    n.put("status", String.valueOf(code));
    return json(code, n);
  }

  /** GitHub's 422 "Validation Failed" shape. */
  public static MockResponse validation(String resource, String field, String code, String message) {
    ObjectNode n = Json.MAPPER.createObjectNode().put("message", "Validation Failed");
    ObjectNode e = n.putArray("errors").addObject().put("resource", resource).put("field", field).put("code", code);
    if (message != null) {
      e.put("message", message);
    }
    n.put("documentation_url", "https://docs.github.com/rest").put("status", "422");
    return json(422, n);
  }

  /** A primary rate-limit response as GitHub sends it (403, remaining 0, reset epoch seconds). */
  public static MockResponse primaryRateLimit(Instant reset) {
    return new MockResponse.Builder().code(403)
        .addHeader("Content-Type", "application/json; charset=utf-8")
        .addHeader("X-RateLimit-Limit", "5000")
        .addHeader("X-RateLimit-Remaining", "0")
        .addHeader("X-RateLimit-Used", "5000")
        .addHeader("X-RateLimit-Reset", String.valueOf(reset.getEpochSecond()))
        .addHeader("X-RateLimit-Resource", "core")
        .body("{\"message\":\"API rate limit exceeded for installation ID 4242.\",\"documentation_url\":"
            + "\"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api\",\"status\":\"403\"}")
        .build();
  }

  /** A secondary rate-limit response (403 with Retry-After). */
  public static MockResponse secondaryRateLimit(int retryAfterSeconds) {
    return new MockResponse.Builder().code(403)
        .addHeader("Content-Type", "application/json; charset=utf-8")
        .addHeader("Retry-After", String.valueOf(retryAfterSeconds))
        .body("{\"message\":\"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.\","
            + "\"documentation_url\":\"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits\",\"status\":\"403\"}")
        .build();
  }

  /** A plain permission failure (403 without rate-limit headers). */
  public static MockResponse forbidden() {
    return new MockResponse.Builder().code(403)
        .addHeader("Content-Type", "application/json; charset=utf-8")
        .addHeader("X-RateLimit-Remaining", "4999")
        .body("{\"message\":\"Resource not accessible by personal access token\",\"documentation_url\":"
            + "\"https://docs.github.com/rest/issues/issues#create-an-issue\",\"status\":\"403\"}")
        .build();
  }
}
