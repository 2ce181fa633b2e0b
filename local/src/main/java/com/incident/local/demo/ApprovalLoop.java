package com.incident.local.demo;

import com.incident.local.sandbox.Sandbox;
import com.incident.store.IncidentStatus;
import com.incident.tools.github.fake.FakeGitHub;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The human half of REMEDIATION_MODE approval in the sandbox: once an incident waits for approval, a person's
 * {@code /approve} reaches the suite as a signed webhook delivery and the agent runs (or refuses) the plan.
 *
 * @param login who commented
 * @param issue the incident issue
 * @param status the webhook's HTTP answer
 * @param outcome the webhook's outcome (forwarded, ignored, ...)
 * @param reply the first line of the agent's answer on the issue (the remediation comment or the refusal)
 * @param toRemediationCommentMs from sending the delivery to the remediation comment on the issue; null when no
 *     remediation comment appeared (no permission, nothing to approve)
 */
public record ApprovalLoop(String login, int issue, int status, String outcome, String reply, Long toRemediationCommentMs) {
  /** The line the approved remediation comment carries ({@code ApprovalComments.approvedBy}). */
  private static final String APPROVED_BY = "- 승인: @";

  /**
   * Approves the first incident that waits for approval, as {@code login}; empty when none waits. With
   * {@code grantWrite} the login first becomes a collaborator with write access on the fake repository (what the
   * agent asks GitHub at approval time); without, it is no collaborator. Blocks until the command's agent session
   * has finished.
   */
  public static Optional<ApprovalLoop> approveWaiting(Sandbox sandbox, String login, boolean grantWrite,
      Duration timeout) {
    if (grantWrite) {
      sandbox.github().grant(login, "write");
    }
    for (FakeGitHub.Issue issue : sandbox.github().issues()) {
      boolean waiting = sandbox.incidentOfIssue(issue.number)
          .filter(i -> i.status() == IncidentStatus.AWAITING_APPROVAL).isPresent();
      if (waiting) {
        return Optional.of(approve(sandbox, issue.number, login, timeout));
      }
    }
    return Optional.empty();
  }

  private static ApprovalLoop approve(Sandbox sandbox, int issue, String login, Duration timeout) {
    int before = sandbox.github().comments(issue).size();
    AtomicLong remediatedAt = new AtomicLong();
    // Watches the issue while the delivery runs: the delivery returns only after the whole command session.
    Thread watcher = Thread.ofVirtual().start(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        if (newComments(sandbox, issue, before).stream().anyMatch(c -> c.body().contains(APPROVED_BY + login))) {
          remediatedAt.set(System.nanoTime());
          return;
        }
        try {
          Thread.sleep(2);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    long sent = System.nanoTime();
    Sandbox.WebhookDelivery delivery = sandbox.comment(issue, login, "/approve", timeout);
    try {
      watcher.join(Duration.ofSeconds(1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    watcher.interrupt();
    List<FakeGitHub.Comment> replies = newComments(sandbox, issue, before);
    String reply = replies.isEmpty() ? "(no reply)" : replies.getFirst().body().lines().findFirst().orElse("");
    Long ms = remediatedAt.get() == 0 ? null : (remediatedAt.get() - sent) / 1_000_000;
    return new ApprovalLoop(login, issue, delivery.status(), delivery.outcome(), reply, ms);
  }

  private static List<FakeGitHub.Comment> newComments(Sandbox sandbox, int issue, int before) {
    List<FakeGitHub.Comment> all = sandbox.github().comments(issue);
    return all.size() <= before ? List.of() : all.subList(before, all.size());
  }

  /** One line for the demo's output. */
  public String summary() {
    return "approval: /approve by " + login + " on issue #" + issue + " -> webhook " + status + " " + outcome
        + "; agent replied \"" + reply + "\"" + (toRemediationCommentMs == null ? "; no remediation comment"
        : "; /approve delivery to remediation comment: " + toRemediationCommentMs + " ms");
  }
}
