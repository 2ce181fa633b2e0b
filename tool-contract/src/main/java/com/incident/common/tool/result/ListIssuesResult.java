package com.incident.common.tool.result;

import com.incident.common.tool.Nullable;
import java.time.Instant;
import java.util.List;

/** The structured result of github-list-issues: newest first, pull requests excluded. */
public record ListIssuesResult(List<Issue> issues) {

  /** @param title redacted: issues are written by people too */
  public record Issue(int number, String title, IssueState state, List<String> labels, Instant createdAt,
      @Nullable Instant closedAt, String url) {}
}
