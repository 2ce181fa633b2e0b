package com.incident.store;

import com.incident.common.incident.AnalysisResult;
import com.incident.common.incident.RootCauseCategory;
import java.util.List;

/**
 * What the incident's postmortem needs from its analysis, kept on the incident item so the session that closes
 * the incident (an alarm's OK, hours later) writes it without the analysis in hand.
 *
 * @param topCause the title of the most probable cause
 * @param analyzer who analysed: {@code bedrock:<model id>} or {@code rule-based}
 */
public record AnalysisDigest(String summary, String topCause, RootCauseCategory category, List<String> longTermImprovements,
    List<String> affected, String analyzer) {
  public AnalysisDigest {
    longTermImprovements = longTermImprovements == null ? List.of() : List.copyOf(longTermImprovements);
    affected = affected == null ? List.of() : List.copyOf(affected);
    category = category == null ? RootCauseCategory.UNKNOWN : category;
  }

  public static AnalysisDigest of(AnalysisResult r) {
    return new AnalysisDigest(r.summary(), r.causes() == null || r.causes().isEmpty() ? null : r.causes().getFirst().title(),
        r.topCategory(), r.longTermImprovements(), r.affectedComponents(), r.analyzer());
  }
}
