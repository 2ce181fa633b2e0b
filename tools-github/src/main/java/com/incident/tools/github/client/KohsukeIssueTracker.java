package com.incident.tools.github.client;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
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

  private final GitHub github;
  private final String fullName;
  private volatile GHRepository repository;

  public KohsukeIssueTracker(GitHub github, String fullName) {
    this.github = github;
    this.fullName = fullName;
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
    GHIssueComment c = repo().getIssue(number).comment(body);
    return new Comment(c.getId(), c.getBody(), c.getHtmlUrl().toString());
  }

  @Override
  public Comment lastComment(int number) throws IOException {
    GHIssueComment last = null;
    for (GHIssueComment c : repo().getIssue(number).listComments().withPageSize(PAGE_SIZE)) {
      last = c;
    }
    return last == null ? null : new Comment(last.getId(), last.getBody(), last.getHtmlUrl().toString());
  }

  @Override
  public Issue close(int number, CloseReason reason) throws IOException {
    GHIssue issue = repo().getIssue(number);
    issue.close(reason == CloseReason.NOT_PLANNED ? GHIssueStateReason.NOT_PLANNED : GHIssueStateReason.COMPLETED);
    return get(number);
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
        instant(issue.getClosedAt()),
        issue.getHtmlUrl().toString());
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }
}
