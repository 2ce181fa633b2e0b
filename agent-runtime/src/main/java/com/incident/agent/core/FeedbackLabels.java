package com.incident.agent.core;

/**
 * The labels a /feedback verdict puts on the issue; similar-incident scoring in tools-github reads them (a confirmed
 * cause counts more, a wrong one counts its corrected category).
 */
final class FeedbackLabels {
  static final String CORRECT = "feedback:correct";
  static final String WRONG = "feedback:wrong";
  private static final String CATEGORY_PREFIX = "feedback:category:";

  private FeedbackLabels() {}

  static String category(String id) {
    return CATEGORY_PREFIX + id;
  }
}
