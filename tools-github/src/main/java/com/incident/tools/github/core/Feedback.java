package com.incident.tools.github.core;

import com.incident.common.incident.RootCauseCategory;
import com.incident.common.tool.LabelNames;
import java.util.List;
import java.util.Optional;

/**
 * What people said about a past issue's analysis, read from its labels (/feedback adds them).
 *
 * @param correct labelled {@code feedback:correct}: the stored top cause is confirmed
 * @param wrong labelled {@code feedback:wrong}: the stored categories are not the cause
 * @param corrected the category a {@code feedback:category:<id>} label names as the real cause
 */
public record Feedback(boolean correct, boolean wrong, Optional<RootCauseCategory> corrected) {
  public static final Feedback NONE = new Feedback(false, false, Optional.empty());

  public static Feedback of(List<String> labels) {
    boolean correct = labels.stream().anyMatch(LabelNames.FEEDBACK_CORRECT::equalsIgnoreCase);
    boolean wrong = labels.stream().anyMatch(LabelNames.FEEDBACK_WRONG::equalsIgnoreCase);
    Optional<RootCauseCategory> corrected = labels.stream().map(LabelNames::feedbackCategory).flatMap(Optional::stream).findFirst();
    return new Feedback(correct, wrong, corrected);
  }

  /** The past root cause as a caller should read it, or null when nothing is known. */
  public String describe(String stored) {
    if (corrected.isPresent()) {
      return corrected.get().id() + " (corrected by /feedback" + (stored == null ? "" : "; the analysis said " + stored) + ")";
    }
    if (stored == null) {
      return null;
    }
    if (wrong) {
      return stored + " (marked wrong by /feedback)";
    }
    return correct ? stored + " (confirmed by /feedback)" : stored;
  }
}
