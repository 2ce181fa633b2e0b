package com.incident.tools.github.core;

import com.incident.common.incident.RootCauseCategory;
import java.util.List;

/**
 * What the current incident looks like. {@code category} and {@code techStack} are optional: without a
 * category the scorer infers one from the symptoms only when the keywords point to a single category.
 */
public record SimilarityQuery(String alarmName, String service, String symptoms, RootCauseCategory category, List<String> techStack) {
  public SimilarityQuery {
    techStack = techStack == null ? List.of() : List.copyOf(techStack);
  }
}
