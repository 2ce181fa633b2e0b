package com.incident.store;

import java.time.Instant;

/**
 * A person's verdict on the incident's analysis ({@code /feedback correct}, {@code /feedback wrong <category>}).
 *
 * @param judged the root-cause category id the analysis named, which the verdict is about
 * @param corrected the category id the person says is right; null for a correct verdict
 */
public record Feedback(String login, Verdict verdict, String judged, String corrected, Instant at) {
  public enum Verdict { CORRECT, WRONG }
}
