package com.incident.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The redaction sections survive both writers of docs/benchmarks.md. */
class RedactorBenchTest {
  private static final String DOC = "# Benchmarks\n\n## Cold start\n\nold\n\n## Redaction\n\nold figures\n\n"
      + "## Redaction before the linear rewrite\n\nhistory\n";

  @Test
  void rewritingTheFiguresKeepsTheOtherSections() {
    assertThat(RedactorBench.replaceSection(DOC, "## Redaction\n\nnew figures\n"))
        .isEqualTo("# Benchmarks\n\n## Cold start\n\nold\n\n## Redaction\n\nnew figures\n"
            + "\n## Redaction before the linear rewrite\n\nhistory\n");
  }

  @Test
  void aFirstRunAppendsTheSection() {
    assertThat(RedactorBench.replaceSection("# Benchmarks\n\n## Cold start\n\nx\n", "## Redaction\n\nfigures\n"))
        .isEqualTo("# Benchmarks\n\n## Cold start\n\nx\n\n## Redaction\n\nfigures\n");
  }

  @Test
  void theFullBenchCarriesEveryRedactionSectionOver() {
    assertThat(RedactorBench.existingSections(DOC))
        .isEqualTo("## Redaction\n\nold figures\n\n## Redaction before the linear rewrite\n\nhistory\n");
    assertThat(RedactorBench.existingSections("# Benchmarks\n\n## Redaction\n\nfig\n\n## Later\n\nz\n"))
        .isEqualTo("## Redaction\n\nfig\n\n");
    assertThat(RedactorBench.existingSections("# Benchmarks\n")).isEmpty();
  }
}
