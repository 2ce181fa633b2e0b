package com.incident.common.incident;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;

/**
 * A person's slash command in a comment on an incident issue, as the GitHub webhook function verified and parsed
 * it: the signature was valid, the issue belongs to {@code incidentId}, the author is not the suite's own account
 * and the delivery was seen for the first time. Nothing here is trusted for authorisation: whether
 * {@code author} may approve is asked of GitHub at approval time.
 *
 * @param kind what was asked
 * @param issueNumber the incident issue the comment was written on
 * @param commentId GitHub's id of the comment (for replies and the audit line)
 * @param author the comment author's login
 * @param argument the rest of the command line: the category of {@code /feedback wrong <category>} (or
 *     {@code /오답 <category>}), the unknown command's text, else null
 * @param deliveryId {@code X-GitHub-Delivery} of the webhook delivery (already de-duplicated)
 * @param at when the comment was created (GitHub's {@code comment.created_at})
 */
public record IssueCommand(
    Kind kind, int issueNumber, long commentId, String author, String argument, String deliveryId, Instant at) {

  /** The commands the suite understands; {@link #UNKNOWN} gets a Korean reply listing them. */
  public enum Kind {
    /** {@code /approve}, {@code /승인}: run exactly the pending remediation plan. */
    APPROVE("approve"),
    /** {@code /reject}, {@code /거절}: drop the pending plan; nothing changes in the cluster. */
    REJECT("reject"),
    /** {@code /reanalyze}, {@code /재분석}: a fresh analysis with current evidence on the same issue (rate-limited). */
    REANALYZE("reanalyze"),
    /** {@code /feedback correct}, {@code /정확}: the analysis' top cause was right. */
    FEEDBACK_CORRECT("feedback-correct"),
    /** {@code /feedback wrong <category>}, {@code /오답 <category>}: the top cause was wrong; {@code argument} is the right one. */
    FEEDBACK_WRONG("feedback-wrong"),
    /** A comment starting with {@code /} that is none of the above. */
    UNKNOWN("unknown");

    private final String id;

    Kind(String id) {
      this.id = id;
    }

    @JsonValue
    public String id() {
      return id;
    }

    @JsonCreator
    public static Kind fromId(String id) {
      for (Kind k : values()) {
        if (k.id.equalsIgnoreCase(id)) {
          return k;
        }
      }
      throw new IllegalArgumentException("Unknown command kind '" + id + "'");
    }
  }
}
