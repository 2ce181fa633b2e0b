package com.incident.tools.github.client;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.kohsuke.github.GHDirection;
import org.kohsuke.github.GHIssue;
import org.kohsuke.github.GHIssueBuilder;
import org.kohsuke.github.GHIssueComment;
import org.kohsuke.github.GHIssueQueryBuilder;
import org.kohsuke.github.GHIssueState;
import org.kohsuke.github.GHIssueStateReason;
import org.kohsuke.github.GHLabel;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.HttpException;
import org.kohsuke.github.PagedIterator;

/** {@link IssueTracker} over hub4j github-api. */
public final class KohsukeIssueTracker implements IssueTracker {
  private static final int PAGE_SIZE = 100;

  /** Who the client writes as; asked of GitHub once per container. */
  @FunctionalInterface
  interface Identity {
    String login() throws IOException;
  }

  private final GitHub github;
  private final String fullName;
  private final RawGet raw;
  private final Identity identity;
  private volatile GHRepository repository;
  private volatile String self;

  KohsukeIssueTracker(GitHub github, String fullName, RawGet raw, Identity identity) {
    this.github = github;
    this.fullName = fullName;
    this.raw = raw;
    this.identity = identity;
  }

  @Override
  public List<Issue> list(State state, List<String> labels, int limit) throws IOException {
    GHIssueQueryBuilder query = repo().queryIssues()
        .state(switch (state) {
          case OPEN -> GHIssueState.OPEN;
          case CLOSED -> GHIssueState.CLOSED;
          case ALL -> GHIssueState.ALL;
        })
        .sort(GHIssueQueryBuilder.Sort.CREATED)
        .direction(GHDirection.DESC)
        .pageSize(Math.min(PAGE_SIZE, Math.max(limit, 10)));
    if (!labels.isEmpty()) {
      // GitHub takes all labels as one comma-separated parameter; repeated label() calls keep only one of them.
      query.label(String.join(",", labels));
    }
    List<Issue> out = new ArrayList<>();
    PagedIterator<GHIssue> it = query.list().iterator();
    while (it.hasNext() && out.size() < limit) {
      GHIssue issue = it.next();
      if (!issue.isPullRequest()) {
        out.add(view(issue));
      }
    }
    return out;
  }

  @Override
  public Issue get(int number) throws IOException {
    return view(repo().getIssue(number));
  }

  @Override
  public Issue create(String title, String body, List<String> labels) throws IOException {
    GHIssueBuilder builder = repo().createIssue(title).body(body);
    labels.forEach(builder::label);
    return view(builder.create());
  }

  @Override
  public Comment comment(int number, String body) throws IOException {
    return view(repo().getIssue(number).comment(body));
  }

  @Override
  public Comment lastComment(int number) throws IOException {
    GHIssueComment last = null;
    for (GHIssueComment c : repo().getIssue(number).listComments().withPageSize(PAGE_SIZE)) {
      last = c;
    }
    return last == null ? null : view(last);
  }

  @Override
  public Issue close(int number, CloseReason reason) throws IOException {
    GHIssue issue = repo().getIssue(number);
    issue.close(reason == CloseReason.NOT_PLANNED ? GHIssueStateReason.NOT_PLANNED : GHIssueStateReason.COMPLETED);
    return get(number);
  }

  @Override
  public List<Comment> comments(int number, int limit) throws IOException {
    List<Comment> out = new ArrayList<>();
    PagedIterator<GHIssueComment> it = repo().getIssue(number).listComments().withPageSize(Math.min(PAGE_SIZE, Math.max(limit, 10))).iterator();
    while (it.hasNext() && out.size() < limit) {
      out.add(view(it.next()));
    }
    return out;
  }

  @Override
  public Issue editBody(int number, String body) throws IOException {
    GHIssue issue = repo().getIssue(number);
    issue.setBody(body);
    return get(number);
  }

  @Override
  public List<String> addLabels(int number, List<String> labels) throws IOException {
    return names(repo().getIssue(number).addLabels(labels.toArray(String[]::new)));
  }

  @Override
  public List<String> removeLabels(int number, List<String> labels) throws IOException {
    return names(repo().getIssue(number).removeLabels(labels.toArray(String[]::new)));
  }

  @Override
  public Comment editComment(int number, long commentId, String body) throws IOException {
    for (GHIssueComment c : repo().getIssue(number).listComments().withPageSize(PAGE_SIZE)) {
      if (c.getId() == commentId) {
        c.update(body);
        return view(c);
      }
    }
    throw new java.io.FileNotFoundException("comment " + commentId + " is not on issue #" + number);
  }

  @Override
  public String selfLogin() throws IOException {
    String s = self;
    if (s == null) {
      s = identity.login();
      self = s;
    }
    return s;
  }

  @Override
  public Optional<Permission> permission(String login) throws IOException {
    return raw.get("/repos/" + fullName + "/collaborators/" + login + "/permission")
        .map(n -> new Permission(n.path("permission").asText("none"),
            n.path("role_name").asText(n.path("permission").asText("none"))));
  }

  @Override
  public List<String> labels() throws IOException {
    List<String> names = new ArrayList<>();
    for (GHLabel label : repo().listLabels().withPageSize(PAGE_SIZE)) {
      names.add(label.getName());
    }
    return names;
  }

  @Override
  public boolean createLabel(String name, String color, String description) throws IOException {
    try {
      repo().createLabel(name, color, description == null ? "" : description);
      return true;
    } catch (HttpException e) {
      // Another call created it between our listing and this request.
      if (e.getResponseCode() == 422 && String.valueOf(e.getMessage()).contains("already_exists")) {
        return false;
      }
      throw e;
    }
  }

  private GHRepository repo() throws IOException {
    GHRepository r = repository;
    if (r == null) {
      r = github.getRepository(fullName);
      repository = r;
    }
    return r;
  }

  private static Issue view(GHIssue issue) throws IOException {
    return new Issue(
        issue.getNumber(),
        issue.getTitle(),
        issue.getBody(),
        issue.getState().name().toLowerCase(),
        issue.getStateReason() == null ? null : issue.getStateReason().name().toLowerCase(),
        issue.getLabels().stream().map(GHLabel::getName).toList(),
        instant(issue.getCreatedAt()),
        instant(issue.getUpdatedAt()),
        instant(issue.getClosedAt()),
        issue.getHtmlUrl().toString());
  }

  private static Comment view(GHIssueComment c) {
    // getUserName reads the login from the payload; getUser() would fetch the user.
    return new Comment(c.getId(), c.getBody(), c.getHtmlUrl().toString(), c.getUserName());
  }

  private static List<String> names(List<GHLabel> labels) {
    return labels.stream().map(GHLabel::getName).toList();
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }
}
