package com.incident.tools.github.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.incident.common.incident.RootCauseCategory;
import com.incident.common.tool.LabelNames;
import com.incident.common.tool.ToolException;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LabelPolicyTest {

  @Test
  void trimsAndDropsCaseInsensitiveDuplicates() {
    assertThat(LabelPolicy.normalize(List.of(" incident ", "Incident", "severity:high", ""))).containsExactly("incident", "severity:high");
  }

  @Test
  void rejectsMoreThanTwentyLabels() {
    List<String> labels = IntStream.rangeClosed(1, 21).mapToObj(i -> "label-" + i).toList();
    assertThatThrownBy(() -> LabelPolicy.normalize(labels)).isInstanceOf(ToolException.class).hasMessageContaining("At most 20");
  }

  @Test
  void longAlarmLabelsAreShortenedStablyAndOtherLongLabelsRejected() {
    String alarm = "alarm:" + "eks-prod-payments-checkout-api-pod-cpu-utilization-over-threshold";

    String shortened = LabelPolicy.normalize(List.of(alarm)).getFirst();

    assertThat(shortened).hasSize(50).startsWith("alarm:eks-prod").contains("~");
    assertThat(LabelPolicy.alarmLabel(alarm.substring(6))).isEqualTo(shortened);
    assertThatThrownBy(() -> LabelPolicy.normalize(List.of("x".repeat(51)))).isInstanceOf(ToolException.class).hasMessageContaining("at most 50");
  }

  @Test
  void knownLabelsGetTheirColours() {
    assertThat(LabelPolicy.style("severity:critical").color()).isEqualTo("b60205");
    assertThat(LabelPolicy.style("severity:low").color()).isEqualTo("0e8a16");
    assertThat(LabelPolicy.style("team:sre").color()).isEqualTo("ededed");
    assertThat(LabelPolicy.style("alarm:" + "x".repeat(44)).description()).hasSizeLessThanOrEqualTo(100);
  }

  @Test
  void feedbackLabelsAreDescribedInKoreanWithTheNamedCategory() {
    assertThat(LabelPolicy.style(LabelNames.FEEDBACK_CORRECT).description()).isEqualTo("피드백: 분석이 맞았습니다 (확인된 원인)");
    assertThat(LabelPolicy.style(LabelNames.FEEDBACK_WRONG).description()).isEqualTo("피드백: 분석이 틀렸습니다");
    assertThat(LabelPolicy.style(LabelNames.feedbackCategory(RootCauseCategory.SCALED_TO_ZERO)).description())
        .isEqualTo("피드백: 실제 원인 분류는 레플리카 0으로 축소입니다");
    assertThat(LabelPolicy.style("feedback:category:no-such-thing").description()).isEqualTo("피드백: 실제 원인 분류");
  }

  @Test
  void commasAreRejectedBecauseGitHubWouldSplitThem() {
    assertThatThrownBy(() -> LabelPolicy.normalize(List.of("a,b"))).isInstanceOf(ToolException.class).hasMessageContaining("comma");
  }
}
