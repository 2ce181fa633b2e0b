package com.incident.tools.github;

import com.incident.common.incident.AnalysisResult;
import com.incident.common.incident.IssueMarkers;
import com.incident.common.redact.Redactor;
import com.incident.common.tool.ToolException;
import com.incident.common.tool.ToolResult;
import com.incident.common.tool.result.AddCommentResult;
import com.incident.common.tool.result.CloseIssueResult;
import com.incident.common.tool.result.CreateIssueResult;
import com.incident.common.tool.result.IssueState;
import com.incident.common.tool.result.ListIssuesResult;
import com.incident.common.tool.result.PermissionResult;
import com.incident.common.tool.result.SimilarIncidentsResult;
import com.incident.common.tool.result.UpdateIssueResult;
import com.incident.tools.github.client.GitHubErrors;
import com.incident.tools.github.client.IssueTracker;
import com.incident.tools.github.client.IssueTracker.CloseReason;
import com.incident.tools.github.client.IssueTracker.Comment;
import com.incident.tools.github.client.IssueTracker.Issue;
import com.incident.tools.github.client.IssueTracker.State;
import com.incident.tools.github.core.BoundedMarkdown;
import com.incident.tools.github.core.Feedback;
import com.incident.tools.github.core.LabelPolicy;
import com.incident.tools.github.core.PastIncident;
import com.incident.tools.github.core.SimilarityQuery;
import com.incident.tools.github.core.SimilarityScorer;
import com.incident.tools.github.core.SimilarityScorer.Match;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GitHub tools over an {@link IssueTracker}: limits are enforced here, before GitHub sees a request.
 *
 * <p>Dedup: an issue carries its key as a hidden marker in its body. Create holds a per-key lock (so calls
 * inside one container queue up), scans open issues for the key, creates only if none carries it, then scans
 * again: if another container won the race, the lowest-numbered issue wins and ours is closed as a duplicate
 * pointing to it, so every caller ends up with the same issue.
 */
final class IssueOperations {
  private static final Logger log = LoggerFactory.getLogger(IssueOperations.class);

  static final int MAX_TITLE = 256;
  static final int MAX_BODY = 65_536;
  /** Room for the "(i/n)" header and the dedup marker added to each piece. */
  private static final int PIECE_BUDGET = MAX_BODY - 400;
  private static final Pattern MARKER = Pattern.compile("\\n*<!--\\s*incident-dedup-key:\\s*\\S+\\s*-->\\n*");
  private static final int LOCK_STRIPES = 64;
  /** An incident issue has tens of comments; a comment to edit is looked for among this many. */
  private static final int COMMENT_SCAN_LIMIT = 300;
  /** One page: the analysis comment is among an incident issue's first comments. */
  private static final int ANALYSIS_COMMENT_SCAN = 100;
  /** Past issues are written by people too; whatever they pasted is redacted before it becomes model input. */
  private static final Redactor REDACTOR = Redactor.DEFAULT;

  private final IssueTracker tracker;
  private final GitHubErrors errors;
  private final int dedupScanLimit;
  private final int similarScanLimit;
  private final int similarCommentFetches;
  /**
   * Analyses read from the comments of the suite's closed issues, by issue number; an entry holds while the issue's
   * updated_at is unchanged (a new or edited comment, or a label, moves it), so repeated searches fetch nothing again.
   */
  private final Map<Integer, ReadAnalysis> commentAnalyses = new ConcurrentHashMap<>();
  private final BoundedMarkdown bounded = new BoundedMarkdown(PIECE_BUDGET);
  /** The issue body (or first comment) plus the configured number of continuation comments. */
  private final int maxParts;
  private final SimilarityScorer scorer = new SimilarityScorer();
  private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];
  private final Set<String> knownLabels = ConcurrentHashMap.newKeySet();
  private volatile boolean labelsLoaded;

  /** What one call left out to stay within its bounds; zeros when everything was posted. */
  record Cut(int titleOmittedChars, int bodyOmittedChars, int parts, int maxParts) {
    String describe() {
      return (titleOmittedChars == 0 ? "" : "; title shortened by " + titleOmittedChars + " characters to GitHub's " + MAX_TITLE)
          + (bodyOmittedChars == 0 ? "" : "; body cut: " + bodyOmittedChars + " characters left out (one call posts at most "
              + maxParts + " parts of " + MAX_BODY + " characters), marked at its end");
    }
  }

  private record ReadAnalysis(Instant updatedAt, Optional<AnalysisResult> analysis) {}

  /** How one search read analyses: comment listings fetched, suite issues left unread (budget or a failed read). */
  private static final class Reads {
    int fetched;
    int cached;
    int unread;
  }

  IssueOperations(IssueTracker tracker, GitHubErrors errors, int dedupScanLimit, int similarScanLimit,
      int similarCommentFetches, int maxContinuationComments) {
    this.maxParts = 1 + maxContinuationComments;
    this.tracker = tracker;
    this.errors = errors;
    this.dedupScanLimit = dedupScanLimit;
    this.similarScanLimit = similarScanLimit;
    this.similarCommentFetches = similarCommentFetches;
    for (int i = 0; i < LOCK_STRIPES; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  ToolResult create(String title, String body, List<String> rawLabels, String dedupKeyArgument) {
    if (title.isBlank()) {
      throw new ToolException("title must not be empty");
    }
    BoundedMarkdown.Title boundedTitle = BoundedMarkdown.title(title, MAX_TITLE);
    String cleanTitle = boundedTitle.text();
    String key = dedupKey(body, dedupKeyArgument);
    List<String> labels = LabelPolicy.normalize(rawLabels);
    // The marker is re-attached to the first piece so it always lands in the issue body, never in a continuation.
    String content = MARKER.matcher(body).find() ? MARKER.matcher(body).replaceAll("\n\n").strip() : body;
    BoundedMarkdown.Body boundedBody = bounded.fit(content, maxParts);
    List<String> pieces = numbered(boundedBody, true);
    Cut cut = new Cut(boundedTitle.omittedChars(), boundedBody.omittedChars(), pieces.size(), maxParts);
    if (cut.titleOmittedChars() + cut.bodyOmittedChars() > 0) {
      log.warn("Issue cut to its bounds: title -{} chars, body -{} chars, {} of at most {} parts",
          cut.titleOmittedChars(), cut.bodyOmittedChars(), cut.parts(), maxParts);
    }
    String issueBody = key == null ? pieces.getFirst() : pieces.getFirst() + "\n\n" + IssueMarkers.dedupMarker(key) + "\n";
    if (key == null) {
      return created(createAndContinue(cleanTitle, issueBody, labels, pieces), false, null, cut);
    }
    ReentrantLock lock = locks[Math.floorMod(key.hashCode(), LOCK_STRIPES)];
    lock.lock();
    try {
      Optional<Issue> existing = call("look up dedup key " + key, () -> openWithKey(key));
      if (existing.isPresent()) {
        log.info("Dedup key {} already on open issue #{}; not creating another", key, existing.get().number());
        return created(existing.get(), true, null, null);
      }
      List<String> createdLabels = ensureLabels(labels);
      Issue mine = call("create issue", () -> tracker.create(cleanTitle, issueBody, labels));
      Issue winner = call("re-check dedup key " + key, () -> openWithKey(key)).orElse(mine);
      if (winner.number() != mine.number()) {
        log.warn("Dedup race on key {}: #{} lost to #{}; closing it as a duplicate", key, mine.number(), winner.number());
        call("close duplicate issue #" + mine.number(), () -> {
          tracker.comment(mine.number(), "중복 이슈입니다. 같은 인시던트를 #" + winner.number() + " 에서 추적합니다.");
          return tracker.close(mine.number(), CloseReason.NOT_PLANNED);
        });
        return created(winner, true, mine.number(), null);
      }
      postRemaining(mine.number(), pieces);
      log.info("Created issue #{} with dedup key {}, {} labels created", mine.number(), key, createdLabels.size());
      return created(mine, false, null, cut);
    } finally {
      lock.unlock();
    }
  }

  ToolResult addComment(int number, String body) {
    if (body.isBlank()) {
      throw new ToolException("body must not be empty");
    }
    BoundedMarkdown.Body boundedBody = bounded.fit(body, maxParts);
    List<String> pieces = numbered(boundedBody, false);
    Cut cut = new Cut(0, boundedBody.omittedChars(), pieces.size(), maxParts);
    List<String> urls = new ArrayList<>();
    for (String piece : pieces) {
      urls.add(call("comment on issue #" + number, () -> tracker.comment(number, piece)).url());
    }
    String text = (pieces.size() == 1
        ? "Commented on issue #" + number
        : "Commented on issue #" + number + " in " + pieces.size() + " numbered parts (body exceeded " + MAX_BODY + " characters)")
        + cut.describe() + ": " + urls.getFirst();
    return ToolResult.ok(text, new AddCommentResult(number, List.copyOf(urls), cut.titleOmittedChars(), cut.bodyOmittedChars(),
        cut.parts(), cut.maxParts()));
  }

  ToolResult close(int number, String comment, CloseReason reason) {
    Issue issue = call("read issue #" + number, () -> tracker.get(number));
    boolean commented = false;
    if (comment != null && !comment.isBlank()) {
      boolean repeat = !issue.open() && call("read comments of issue #" + number, () -> {
        Comment last = tracker.lastComment(number);
        return last != null && comment.strip().equals(last.body().strip());
      });
      if (!repeat) {
        addComment(number, comment);
        commented = true;
      }
    }
    Issue closed = issue.open() ? call("close issue #" + number, () -> tracker.close(number, reason)) : issue;
    String text = (issue.open() ? "Closed issue #" + number + " as " + reason.name().toLowerCase(Locale.ROOT)
        : "Issue #" + number + " was already closed (" + issue.stateReason() + ")")
        + (commented ? " after adding the closing comment" : "") + ": " + closed.url();
    return ToolResult.ok(text, new CloseIssueResult(number, IssueState.fromId(closed.state()), closed.stateReason(), commented,
        closed.url()));
  }

  /**
   * What github-update-issue was asked to change; a null body or comment and empty label lists leave that part alone.
   */
  record Update(int number, String body, List<String> addLabels, List<String> removeLabels, Long commentId, String commentBody) {}

  /**
   * Checks everything it can before the first write (labels, the comment's issue and author), then replaces the body
   * (keeping the issue's dedup marker), adds and removes labels, and edits the comment; unchanged parts are not written.
   */
  ToolResult update(Update u) {
    if (u.body() == null && u.addLabels().isEmpty() && u.removeLabels().isEmpty() && u.commentId() == null) {
      throw new ToolException("Nothing to update: give body, add_labels, remove_labels, or comment_id with comment_body");
    }
    if ((u.commentId() == null) != (u.commentBody() == null)) {
      throw new ToolException("comment_id and comment_body go together: give both to edit a comment, or neither");
    }
    List<String> add = LabelPolicy.normalize(u.addLabels());
    List<String> remove = LabelPolicy.normalize(u.removeLabels());
    List<String> both = add.stream().filter(a -> remove.stream().anyMatch(a::equalsIgnoreCase)).toList();
    if (!both.isEmpty()) {
      throw new ToolException("Labels " + both + " are both in add_labels and remove_labels; pass each in one list only");
    }
    int number = u.number();
    Issue issue = call("read issue #" + number, () -> tracker.get(number));
    Comment target = u.commentId() == null ? null : ownComment(number, u.commentId());
    String marker = null;
    if (u.body() != null) {
      Optional<String> current = IssueMarkers.dedupKey(issue.body());
      Optional<String> given = IssueMarkers.dedupKey(u.body());
      if (current.isPresent() && given.isPresent() && !current.get().equals(given.get())) {
        throw new ToolException("body carries dedup marker '" + given.get() + "' but issue #" + number + " carries '"
            + current.get() + "'; the marker identifies the incident and cannot change");
      }
      marker = current.or(() -> given).map(IssueMarkers::dedupMarker).orElse(null);
    }

    int omitted = 0;
    boolean bodyUpdated = false;
    if (u.body() != null) {
      String content = MARKER.matcher(u.body()).find() ? MARKER.matcher(u.body()).replaceAll("\n\n").strip() : u.body();
      // The body cannot continue into comments here (they would land after later comments), so it is one piece.
      BoundedMarkdown.Body fitted = bounded.fit(content, 1);
      omitted = fitted.omittedChars();
      String next = marker == null ? fitted.pieces().getFirst() : fitted.pieces().getFirst() + "\n\n" + marker + "\n";
      if (!next.equals(issue.body())) {
        call("replace the body of issue #" + number, () -> tracker.editBody(number, next));
        bodyUpdated = true;
      }
      if (omitted > 0) {
        log.warn("Issue #{} body cut to its bound: -{} chars", number, omitted);
      }
    }

    List<String> labels = issue.labels();
    List<String> missing = add.stream().filter(a -> issue.labels().stream().noneMatch(a::equalsIgnoreCase)).toList();
    if (!missing.isEmpty()) {
      ensureLabels(missing);
      labels = call("add labels to issue #" + number, () -> tracker.addLabels(number, missing));
    }
    List<String> current = labels;
    List<String> present = current.stream().filter(l -> remove.stream().anyMatch(l::equalsIgnoreCase)).toList();
    if (!present.isEmpty()) {
      labels = call("remove labels from issue #" + number, () -> tracker.removeLabels(number, present));
    }

    String commentUrl = null;
    int commentOmitted = 0;
    if (target != null) {
      BoundedMarkdown.Body fitted = bounded.fit(u.commentBody(), 1);
      commentOmitted = fitted.omittedChars();
      String text = fitted.pieces().getFirst();
      commentUrl = text.equals(target.body()) ? target.url()
          : call("edit comment " + target.id() + " on issue #" + number, () -> tracker.editComment(number, target.id(), text)).url();
    }

    StringBuilder text = new StringBuilder("Updated issue #" + number + ":");
    text.append(u.body() == null ? "" : bodyUpdated ? " body replaced" + (omitted > 0 ? " (cut: " + omitted
        + " characters left out, marked at its end)" : "") + ";" : " body unchanged;");
    text.append(missing.isEmpty() ? "" : " labels added " + missing + ";");
    text.append(present.isEmpty() ? "" : " labels removed " + present + ";");
    text.append(target == null ? "" : " comment " + target.id() + " edited" + (commentOmitted > 0 ? " (cut: " + commentOmitted
        + " characters left out)" : "") + ";");
    text.append(" labels now [").append(String.join(",", labels)).append("]: ").append(issue.url());
    return ToolResult.ok(text.toString(), new UpdateIssueResult(number, bodyUpdated, omitted, List.copyOf(labels), commentUrl,
        issue.url()));
  }

  /** The comment, after checking that it is on the issue and that this suite's account wrote it. */
  private Comment ownComment(int number, long commentId) {
    Comment comment = call("read comments of issue #" + number, () -> tracker.comments(number, COMMENT_SCAN_LIMIT)).stream()
        .filter(c -> c.id() == commentId).findFirst()
        .orElseThrow(() -> new ToolException("Comment " + commentId + " is not on issue #" + number + " (among its first "
            + COMMENT_SCAN_LIMIT + " comments); nothing was changed"));
    String self = call("look up the suite's own GitHub login", tracker::selfLogin);
    if (!self.equalsIgnoreCase(comment.author())) {
      throw new ToolException("Comment " + commentId + " on issue #" + number + " was written by " + comment.author()
          + ", not by this suite's account " + self + "; only the suite's own comments are edited. Nothing was changed.");
    }
    return comment;
  }

  /** A GitHub login's permission on the repository; GitHub's 404 (not a collaborator) is {@code none}. */
  ToolResult permission(String login) {
    Optional<IssueTracker.Permission> p = call("read the repository permission of " + login, () -> tracker.permission(login));
    String permission = p.map(IssueTracker.Permission::roleName).orElse("none");
    // The legacy base role decides: maintain and write-based custom roles report "write" there.
    boolean canWrite = p.map(IssueTracker.Permission::permission).filter(x -> x.equals("admin") || x.equals("write")).isPresent();
    String text = login + " has " + (p.isEmpty() ? "no access (not a collaborator)" : "the " + permission + " role")
        + " on the repository; may approve a remediation: " + (canWrite ? "yes" : "no");
    return ToolResult.ok(text, new PermissionResult(login, permission, canWrite));
  }

  ToolResult list(State state, List<String> labels, int limit) {
    List<Issue> issues = call("list issues", () -> tracker.list(state, labels, limit));
    // Compact rows (model input): the issue URL pattern is given once, times to the minute.
    String urlBase = issues.isEmpty() ? "" : issues.getFirst().url().replaceFirst("/\\d+$", "/");
    StringBuilder text = new StringBuilder(issues.size() + " issue(s), state=" + state.name().toLowerCase(Locale.ROOT)
        + (labels.isEmpty() ? "" : ", labels=" + String.join(",", labels)) + ", newest first"
        + (issues.isEmpty() ? "" : "; url = " + urlBase + "<number>") + ":");
    List<ListIssuesResult.Issue> rows = new ArrayList<>();
    for (Issue i : issues) {
      text.append("\n#").append(i.number()).append(' ').append(i.state())
          .append(" created ").append(minute(i.createdAt()))
          .append(i.closedAt() == null ? "" : " closed " + minute(i.closedAt()))
          .append(" [").append(String.join(",", i.labels())).append("] ")
          .append(REDACTOR.redact(i.title()));
      rows.add(new ListIssuesResult.Issue(i.number(), REDACTOR.redact(i.title()), IssueState.fromId(i.state()),
          List.copyOf(i.labels()), i.createdAt(), i.closedAt(), i.url()));
    }
    return ToolResult.ok(text.toString(), new ListIssuesResult(rows));
  }

  ToolResult findSimilar(SimilarityQuery query, int limit) {
    List<Issue> closed = call("list closed incident issues", () -> tracker.list(State.CLOSED, List.of(LabelPolicy.INCIDENT), similarScanLimit));
    Reads reads = new Reads();
    List<PastIncident> past = closed.stream()
        .map(i -> new PastIncident(i.number(), i.title(), i.url(), i.closedAt(), i.labels(), i.body(), analysisOf(i, reads)))
        .toList();
    if (commentAnalyses.size() > 4 * similarScanLimit) {
      commentAnalyses.clear(); // issues that left the scan window; the next search re-reads what it needs
    }
    List<Match> matches = scorer.rank(query, past, limit);
    StringBuilder text = new StringBuilder(matches.size() + " similar closed incident(s) out of " + past.size()
        + " scanned (score /100 = service 40 + symptoms 30 + root cause 20 (15 unless confirmed by /feedback) + tech stack 10)"
        + (reads.fetched + reads.cached == 0 ? "" : "; analyses of " + (reads.fetched + reads.cached) + " issue(s) read from their comments")
        + (reads.unread == 0 ? "" : "; " + reads.unread + " issue(s) of this suite not read (at most " + similarCommentFetches
            + " comment listings per search), scored on their text")
        + ":");
    List<SimilarIncidentsResult.Match> rows = new ArrayList<>();
    for (Match m : matches) {
      PastIncident p = m.incident();
      SimilarityScorer.Score s = m.score();
      String title = REDACTOR.redact(p.title());
      String stored = p.analysis().map(a -> a.topCategory().id() + (a.causes() == null || a.causes().isEmpty() ? "" : " - " + a.causes().getFirst().title())).map(REDACTOR::redact).orElse(null);
      String rootCause = Feedback.of(p.labels()).describe(stored);
      String fix = p.analysis().map(IssueOperations::recordedFix).map(REDACTOR::redact).orElse(null);
      text.append("\n#").append(p.number()).append(" score ").append(s.total())
          .append(" (service ").append(s.service()).append(", symptoms ").append(s.symptoms())
          .append(", root cause ").append(s.rootCause()).append(", stack ").append(s.techStack()).append(") ")
          .append(title).append(" | ").append(p.url())
          .append(" | root cause: ").append(rootCause == null ? "not recorded (no analysis block)" : rootCause)
          .append(fix == null ? "" : " | fix: " + fix);
      rows.add(new SimilarIncidentsResult.Match(p.number(), title, p.url(), p.closedAt(), s.total(),
          new SimilarIncidentsResult.Breakdown(s.service(), s.symptoms(), s.rootCause(), s.techStack()), rootCause, fix));
    }
    return ToolResult.ok(text.toString(), new SimilarIncidentsResult(past.size(), rows));
  }

  /**
   * The issue's structured analysis: from its body when the block is there, else, for issues this suite opened
   * ({@code auto-analysis}), from the newest comment carrying the block (a re-analysis supersedes the first), within
   * the per-search budget of comment listings. A failed read leaves the issue to be scored on its text.
   */
  private Optional<AnalysisResult> analysisOf(Issue issue, Reads reads) {
    Optional<AnalysisResult> inBody = IssueMarkers.analysis(issue.body());
    if (inBody.isPresent() || issue.labels().stream().noneMatch(LabelPolicy.AUTO_ANALYSIS::equalsIgnoreCase)) {
      return inBody;
    }
    ReadAnalysis known = commentAnalyses.get(issue.number());
    if (known != null && Objects.equals(known.updatedAt(), issue.updatedAt())) {
      reads.cached++;
      return known.analysis();
    }
    if (reads.fetched >= similarCommentFetches) {
      reads.unread++;
      return Optional.empty();
    }
    reads.fetched++;
    List<Comment> comments;
    try {
      comments = call("read comments of issue #" + issue.number(), () -> tracker.comments(issue.number(), ANALYSIS_COMMENT_SCAN));
    } catch (ToolException e) {
      log.warn("Analysis of issue #{} not read: {}", issue.number(), e.getMessage());
      reads.unread++;
      return Optional.empty();
    }
    Optional<AnalysisResult> found = Optional.empty();
    for (int i = comments.size() - 1; i >= 0 && found.isEmpty(); i--) {
      found = IssueMarkers.analysis(comments.get(i).body());
    }
    commentAnalyses.put(issue.number(), new ReadAnalysis(issue.updatedAt(), found));
    return found;
  }

  private static String minute(Instant t) {
    return t == null ? "?" : t.truncatedTo(ChronoUnit.MINUTES).toString();
  }

  private static String recordedFix(AnalysisResult a) {
    List<String> parts = new ArrayList<>();
    if (a.immediateActions() != null) {
      a.immediateActions().stream().limit(2).forEach(parts::add);
    }
    if (a.remediation() != null && a.remediation().scenario() != null && a.remediation().rationale() != null) {
      parts.add("remediation " + a.remediation().scenario().id() + ": " + a.remediation().rationale());
    }
    return parts.isEmpty() ? null : String.join("; ", parts);
  }

  private Issue createAndContinue(String title, String body, List<String> labels, List<String> pieces) {
    ensureLabels(labels);
    Issue issue = call("create issue", () -> tracker.create(title, body, labels));
    postRemaining(issue.number(), pieces);
    return issue;
  }

  private void postRemaining(int number, List<String> pieces) {
    for (String piece : pieces.subList(1, pieces.size())) {
      call("post continuation comment on issue #" + number, () -> tracker.comment(number, piece));
    }
  }

  private List<String> ensureLabels(List<String> labels) {
    if (labels.isEmpty()) {
      return List.of();
    }
    if (!labelsLoaded) {
      call("list labels", () -> tracker.labels()).forEach(l -> knownLabels.add(l.toLowerCase(Locale.ROOT)));
      labelsLoaded = true;
    }
    List<String> created = new ArrayList<>();
    for (String label : labels) {
      if (knownLabels.contains(label.toLowerCase(Locale.ROOT))) {
        continue;
      }
      LabelPolicy.Style style = LabelPolicy.style(label);
      if (call("create label '" + label + "'", () -> tracker.createLabel(label, style.color(), style.description()))) {
        created.add(label);
      }
      knownLabels.add(label.toLowerCase(Locale.ROOT));
    }
    return created;
  }

  private Optional<Issue> openWithKey(String key) throws IOException {
    return tracker.list(State.OPEN, List.of(), dedupScanLimit).stream()
        .filter(i -> IssueMarkers.dedupKey(i.body()).filter(key::equals).isPresent())
        .min(Comparator.comparingInt(Issue::number));
  }

  private static String dedupKey(String body, String argument) {
    Optional<String> inBody = IssueMarkers.dedupKey(body);
    if (argument == null) {
      return inBody.orElse(null);
    }
    String key = argument.strip().replaceAll("\\s+", "-");
    if (inBody.isPresent() && !inBody.get().equals(key)) {
      throw new ToolException("body carries dedup marker '" + inBody.get() + "' but dedup_key is '" + key + "'; pass one key");
    }
    return key;
  }

  /** Pieces of a split text get a visible "(i/n)" header so readers see the order on the timeline. */
  private static List<String> numbered(BoundedMarkdown.Body body, boolean firstIsIssueBody) {
    List<String> pieces = body.pieces();
    if (pieces.size() == 1) {
      return pieces;
    }
    int n = pieces.size();
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String note = i == 0 && firstIsIssueBody ? " 본문이 길어 " + n + "개로 나누어 게시했습니다. 이어지는 내용은 아래 댓글에 있습니다."
          + (body.omittedChars() > 0 ? " 게시 한도를 넘는 끝부분은 생략했습니다 (마지막 댓글 참고)." : "") : "";
      out.add("**(" + (i + 1) + "/" + n + ")**" + note + "\n\n" + pieces.get(i));
    }
    return out;
  }

  /** {@code cut} is null when nothing was posted (the issue already existed). */
  private static ToolResult created(Issue issue, boolean existed, Integer closedDuplicate, Cut cut) {
    String text = existed
        ? "Issue #" + issue.number() + " is already open for this dedup key; no new issue was created" + (closedDuplicate == null ? "" : " (closed racing duplicate #" + closedDuplicate + ")") + ": " + issue.url()
        : "Created issue #" + issue.number() + (cut.parts() > 1 ? " (body split into " + cut.parts() + " numbered parts; " + (cut.parts() - 1) + " posted as comments)" : "")
            + cut.describe() + ": " + issue.url();
    return ToolResult.ok(text, cut == null
        ? new CreateIssueResult(issue.number(), issue.url(), !existed, List.copyOf(issue.labels()), closedDuplicate, null, null, null, null)
        : new CreateIssueResult(issue.number(), issue.url(), !existed, List.copyOf(issue.labels()), closedDuplicate,
            cut.titleOmittedChars(), cut.bodyOmittedChars(), cut.parts(), cut.maxParts()));
  }

  @FunctionalInterface
  private interface GitHubCall<T> {
    T run() throws IOException;
  }

  private <T> T call(String action, GitHubCall<T> body) {
    try {
      return body.run();
    } catch (IOException | RuntimeException e) {
      if (e instanceof ToolException t) {
        throw t;
      }
      throw errors.translate(e, action);
    }
  }
}
