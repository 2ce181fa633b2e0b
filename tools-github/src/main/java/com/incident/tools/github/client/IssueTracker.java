package com.incident.tools.github.client;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

/** The few issue operations the tools need, on the one configured repository. */
public interface IssueTracker {

  enum State { OPEN, CLOSED, ALL }

  enum CloseReason { COMPLETED, NOT_PLANNED }

  /** @param updatedAt changes with every edit of the issue or its comments; keys what is cached about it */
  record Issue(int number, String title, String body, String state, String stateReason, List<String> labels,
      Instant createdAt, Instant updatedAt, Instant closedAt, String url) {
    public boolean open() {
      return "open".equals(state);
    }
  }

  /** @param author the login that wrote it, e.g. {@code incident-bot} or {@code my-app[bot]} */
  record Comment(long id, String body, String url, String author) {}

  /**
   * A login's access as GitHub reports it.
   *
   * @param permission the legacy base role: admin, write, read or none (maintain counts as write, triage as read)
   * @param roleName the role actually granted: admin, maintain, write, triage, read or a custom role's name
   */
  record Permission(String permission, String roleName) {}

  /** Newest first, pull requests excluded, at most {@code limit}. */
  List<Issue> list(State state, List<String> labels, int limit) throws IOException;

  Issue get(int number) throws IOException;

  Issue create(String title, String body, List<String> labels) throws IOException;

  Comment comment(int number, String body) throws IOException;

  /** The most recent comment, if any. */
  Comment lastComment(int number) throws IOException;

  Issue close(int number, CloseReason reason) throws IOException;

  /** The issue's comments, oldest first, at most {@code limit}. */
  List<Comment> comments(int number, int limit) throws IOException;

  /** Replaces the issue's body. */
  Issue editBody(int number, String body) throws IOException;

  /** Adds labels to the issue; returns all its labels afterwards. */
  List<String> addLabels(int number, List<String> labels) throws IOException;

  /** Removes labels the issue carries; returns all its labels afterwards. */
  List<String> removeLabels(int number, List<String> labels) throws IOException;

  /** Replaces the body of comment {@code commentId} of issue {@code number}; the comment must be on that issue. */
  Comment editComment(int number, long commentId, String body) throws IOException;

  /** The login this client writes as: the token's user, or {@code <app-slug>[bot]} for a GitHub App. */
  String selfLogin() throws IOException;

  /** The login's access to the repository, or empty when GitHub answers 404 (not a collaborator, or no such user). */
  java.util.Optional<Permission> permission(String login) throws IOException;

  /** Names of all labels of the repository. */
  List<String> labels() throws IOException;

  /** Creates a label; returns false when it already exists. */
  boolean createLabel(String name, String color, String description) throws IOException;
}
