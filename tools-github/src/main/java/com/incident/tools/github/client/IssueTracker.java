package com.incident.tools.github.client;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

/** The few issue operations the tools need, on the one configured repository. */
public interface IssueTracker {

  enum State { OPEN, CLOSED, ALL }

  enum CloseReason { COMPLETED, NOT_PLANNED }

  record Issue(int number, String title, String body, String state, String stateReason, List<String> labels,
      Instant createdAt, Instant closedAt, String url) {
    public boolean open() {
      return "open".equals(state);
    }
  }

  record Comment(long id, String body, String url) {}

  /** Newest first, pull requests excluded, at most {@code limit}. */
  List<Issue> list(State state, List<String> labels, int limit) throws IOException;

  Issue get(int number) throws IOException;

  Issue create(String title, String body, List<String> labels) throws IOException;

  Comment comment(int number, String body) throws IOException;

  /** The most recent comment, if any. */
  Comment lastComment(int number) throws IOException;

  Issue close(int number, CloseReason reason) throws IOException;

  /** Names of all labels of the repository. */
  List<String> labels() throws IOException;

  /** Creates a label; returns false when it already exists. */
  boolean createLabel(String name, String color, String description) throws IOException;
}
