package com.incident.agent.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.agent.testing.Converse;
import com.incident.common.incident.AnalysisResult;
import com.incident.common.incident.ChaosScenario;
import com.incident.common.incident.RootCauseCategory;
import com.incident.common.json.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubmitAnalysisTest {

  @Test
  void theSchemaMirrorsAnalysisResultAndTheSharedVocabulary() {
    ObjectNode schema = SubmitAnalysis.schema();

    List<String> fields = new ArrayList<>();
    schema.path("properties").fieldNames().forEachRemaining(fields::add);
    List<String> record = new ArrayList<>(Arrays.stream(AnalysisResult.class.getRecordComponents()).map(c -> c.getName()).toList());
    record.remove("analyzer");
    assertThat(fields).containsExactlyInAnyOrderElementsOf(record);
    List<String> categories = new ArrayList<>();
    schema.at("/properties/causes/items/properties/category/enum").forEach(n -> categories.add(n.asText()));
    assertThat(categories).containsExactlyElementsOf(Arrays.stream(RootCauseCategory.values()).map(RootCauseCategory::id).toList());
  }

  @Test
  void aValidSubmissionIsParsedAndItsCausesRankedByProbability() {
    ObjectNode input = Converse.stressAnalysis("stress-workload");
    ((ObjectNode) input.at("/causes/0")).put("probability", 0.05);

    SubmitAnalysis.Parsed parsed = SubmitAnalysis.parse(input, "bedrock:m");

    assertThat(parsed.ok()).isTrue();
    assertThat(parsed.result().causes()).extracting(AnalysisResult.ProbableCause::category)
        .containsExactly(RootCauseCategory.TRAFFIC_SURGE, RootCauseCategory.CPU_STRESS_WORKLOAD);
    assertThat(parsed.result().remediation().scenario()).isEqualTo(ChaosScenario.STRESS_WORKLOAD);
    assertThat(parsed.result().analyzer()).isEqualTo("bedrock:m");
  }

  @Test
  void everyProblemIsReportedAtOnceSoTheModelCanFixThemInOneTurn() {
    ObjectNode input = Converse.stressAnalysis("reboot-cluster");
    input.put("summary", "All good");
    ((ObjectNode) input.at("/causes/0")).put("probability", 1.7).put("category", "aliens");
    input.putArray("immediateActions").add("restart everything");

    SubmitAnalysis.Parsed parsed = SubmitAnalysis.parse(input, "bedrock:m");

    assertThat(parsed.ok()).isFalse();
    assertThat(parsed.problems()).containsExactly(
        "summary must be written in Korean",
        "causes[0].category 'aliens' is not in the vocabulary",
        "causes[0].probability must be a number between 0 and 1",
        "immediateActions entries must be Korean",
        "remediation.scenario must be one of stress-workload, bad-image, scaled-to-zero, none");
    assertThat(SubmitAnalysis.parse(Json.MAPPER.getNodeFactory().textNode("x"), "m").problems())
        .containsExactly("input must be a JSON object");
  }

  @Test
  void aValueOfTheWrongKindNamesTheFieldButNoJavaType() {
    ObjectNode input = Converse.stressAnalysis("none");
    input.putObject("affectedComponents").put("pod", "ui");

    SubmitAnalysis.Parsed parsed = SubmitAnalysis.parse(input, "bedrock:m");

    assertThat(parsed.ok()).isFalse();
    assertThat(parsed.problems()).singleElement().asString()
        .isEqualTo("affectedComponents has a value of the wrong kind; follow the input schema")
        .doesNotContain("java.", "`", "Cannot deserialize");
  }
}
