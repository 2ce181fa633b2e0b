package com.incident.common.tool;

import com.incident.common.incident.RootCauseCategory;
import java.util.Locale;
import java.util.Optional;

/**
 * Label names the suite puts on incident issues and reads back: the agent adds them (github-create-issue,
 * github-update-issue) and similar-incident search scores them. Their colours and Korean descriptions are in
 * tools-github's LabelPolicy.
 */
public final class LabelNames {
  public static final String INCIDENT = "incident";
  /** Every issue this suite opens carries it; similar-incident search reads the analysis comments only of these. */
  public static final String AUTO_ANALYSIS = "auto-analysis";
  /** A person confirmed the analysis (/feedback correct): its root-cause category counts fully in similar-incident search. */
  public static final String FEEDBACK_CORRECT = "feedback:correct";
  /** A person said the analysis was wrong (/feedback wrong): its stored categories no longer count. */
  public static final String FEEDBACK_WRONG = "feedback:wrong";
  /** Prefix of the corrected category a person named with /feedback wrong &lt;category&gt;, e.g. feedback:category:memory-leak-oom. */
  public static final String FEEDBACK_CATEGORY_PREFIX = "feedback:category:";

  private LabelNames() {}

  /** The label recording the category a person named as the real cause. */
  public static String feedbackCategory(RootCauseCategory category) {
    return FEEDBACK_CATEGORY_PREFIX + category.id();
  }

  /** The category a {@code feedback:category:<id>} label names; empty for other labels and unknown ids. */
  public static Optional<RootCauseCategory> feedbackCategory(String label) {
    if (label == null || !label.toLowerCase(Locale.ROOT).startsWith(FEEDBACK_CATEGORY_PREFIX)) {
      return Optional.empty();
    }
    RootCauseCategory c = RootCauseCategory.fromId(label.substring(FEEDBACK_CATEGORY_PREFIX.length()).strip());
    return c == RootCauseCategory.UNKNOWN ? Optional.empty() : Optional.of(c);
  }
}
