package com.incident.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The artefact scanner of {@link RenderedIssueArtefactsTest} finds each kind of artefact, and only in prose. */
class IssueArtefactsTest {

  private static List<String> kinds(String markdown) {
    return IssueArtefacts.scan("comment 1", markdown).stream().map(IssueArtefacts.Finding::kind).toList();
  }

  @Test
  void eachKindOfArtefactInProseIsFound() {
    assertThat(kinds("Deployment `catalog`이(가) 레플리카 0으로 축소되었습니다.")).containsExactly("particle seam");
    assertThat(kinds("이미지을(를) 가져오지 못했습니다.")).containsExactly("particle seam");
    assertThat(kinds("롤백 대상(으)로 판단했습니다.")).containsExactly("particle seam");
    assertThat(kinds("관측값: null")).containsExactly("null/NaN/Infinity");
    assertThat(kinds("CPU NaN% 사용")).containsExactly("null/NaN/Infinity");
    assertThat(kinds("알람 {} 발생")).containsExactly("unfilled placeholder");
    assertThat(kinds("알람 %s 발생")).containsExactly("unfilled placeholder");
    assertThat(kinds("알람 ${alarm} 발생")).containsExactly("unfilled placeholder");
    assertThat(kinds("관찰: the pod was restarted by kubelet")).containsExactly("English sentence");
    assertThat(kinds("| 관측값 | 97.50 |")).containsExactly("two decimals without unit");
    assertThat(kinds("## 제목\n\n자동 복구를 하지 않습니다. 담당자의 확인이 필요합니다. 근거: 담당자의 확인이 필요합니다."))
        .containsExactly("repeated sentence");
  }

  @Test
  void theIssueAsItWasRenderedBeforeFails() {
    String before = """
        | 관측값 | 97.50 |
        | 알람 사유 | Threshold Crossed: 3 out of the last 3 datapoints \\[97.5 (21/11/26 03:14:00)\\] were greater than the threshold (80.0). |

        ### 자동 복구 권고

        알려진 카오스 시나리오와 일치하지 않아 자동 복구를 하지 않습니다. 담당자의 확인이 필요합니다. 근거: 담당자의 확인이 필요합니다.
        """;

    assertThat(kinds(before)).contains("two decimals without unit", "English sentence", "repeated sentence");
  }

  @Test
  void whatTheIssueQuotesIsNotProse() {
    String quoted = """
        ## 🔍 근본 원인 분석

        로그: `java.lang.NullPointerException: Cannot invoke multiply because rate is null` · 값 `97.50`
        - [CloudWatch 알람 콘솔 바로가기](<https://us-west-2.console.aws.amazon.com/cloudwatch/home?region=us-west-2#alarmsV2:alarm/x>)
        <!-- incident-analysis-json -->
        <details>
        <summary>구조화된 분석 결과 (JSON)</summary>

        ```json
        {"summary": null, "value": 97.50, "template": "%s {} ${x}", "text": "this is an English sentence"}
        ```

        </details>

        | 원인 | 관찰 내용 |
        |---|---|
        | 부하 생성기 | CPU 97.5%, 512 MiB, 347건, 1.25 s, 비용 $0.40 |
        | 부하 생성기 | 같은 표의 키 열은 반복됩니다. |
        | 부하 생성기 | 같은 표의 키 열은 반복됩니다. |
        """;

    assertThat(IssueArtefacts.scan("comment 1", quoted)).isEmpty();
  }

  @Test
  void theSameSentenceInTwoCommentsIsNotARepeat() {
    assertThat(IssueArtefacts.scan("body", List.of("담당자의 확인이 필요합니다.", "담당자의 확인이 필요합니다."))).isEmpty();
  }
}
