package com.incident.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExamplesTest {
  @Test
  void linesWithMeasuredValuesAreLeftOutAndIdsAreMasked() {
    String first = "2026-11-30 15:25:13 KST(06:25:13 UTC)에 알람 · 알람→이슈: 8초\n"
        + "<!-- incident-dedup-key: bf2beaa0-e174-491a-a207-1df0c46bf307 -->\n세션 alarm-x-1a2b 시작\n";
    String second = "2026-12-01 09:01:59 KST(00:01:59 UTC)에 알람 · 알람→이슈: 12초\n"
        + "<!-- incident-dedup-key: 00000000-e174-491a-a207-1df0c46bf307 -->\n세션 alarm-x-9f9f 시작\n";

    assertThat(Examples.normalize(first)).isEqualTo(Examples.normalize(second))
        .isEqualTo("<!-- incident-dedup-key: <id> -->\n세션 <session> 시작");
  }

  @Test
  void normalizingKeepsWhatTheIssueSays() {
    assertThat(Examples.normalize("## 근거\n원인: stress-ng\nCPU 97.5%"))
        .isNotEqualTo(Examples.normalize("## 근거\n원인: 배포 후 오류\nCPU 97.5%"))
        .isNotEqualTo(Examples.normalize("## 증거\n원인: stress-ng\nCPU 97.5%"))
        .isEqualTo(Examples.normalize("## 근거\n원인: stress-ng\nCPU 91\\.0% (최대 99%, 16:02 KST(07:02 UTC))"));
  }

  @Test
  void chartGroupingAndChronologyRowsMayDifferBetweenRuns() {
    String first = "```mermaid\ntimeline\n    16#58;53 : a : b\n```\n| 시각 | 내용 |\n|---|---|\n"
        + "| 2026-11-30 16:53:18 KST(07:53:18 UTC) | 이상 징후 |\n";
    String second = "```mermaid\ntimeline\n    16#58;53 : a\n    16#58;54 : b\n```\n| 시각 | 내용 |\n|---|---|\n"
        + "| 2026-11-30 16:53:18 KST(07:53:18 UTC) | 이상 징후 |\n| 2026-11-30 16:54:00 KST(07:54:00 UTC) | 롤아웃 |\n";

    assertThat(Examples.normalize(first)).isEqualTo(Examples.normalize(second));
  }
}
