package com.incident.common.tool.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class StructuredContentTest {
  private static final CreateIssueResult CREATED = new CreateIssueResult(101, "https://github.com/acme/incidents/issues/101",
      true, List.of("incident"), null, 0, 120, 2, 6);

  @Test
  void readsWhatTheToolWroteBackAsItsRecord() throws Exception {
    JsonNode wire = Json.tree(Json.write(CREATED));

    assertThat(StructuredContent.read(wire, CreateIssueResult.class)).isEqualTo(CREATED);
    assertThat(StructuredContent.read(CREATED, CreateIssueResult.class).wasCut()).isTrue();
  }

  @Test
  void aRenamedFieldIsAnErrorThatNamesIt() throws Exception {
    JsonNode renamed = Json.tree("{\"number\":101,\"html_url\":\"https://github.com/acme/incidents/issues/101\",\"created\":true,"
        + "\"labels\":[]}");

    assertThatThrownBy(() -> StructuredContent.read(renamed, CreateIssueResult.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a CreateIssueResult").hasMessageContaining("issueNumber");
  }

  @Test
  void absentContentIsAnError() {
    assertThatThrownBy(() -> StructuredContent.read(null, CloseIssueResult.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a CloseIssueResult: no structured content");
  }

  @Test
  void enumsTravelAsTheirIds() throws Exception {
    JsonNode wire = Json.tree("{\"issueNumber\":7,\"state\":\"closed\",\"stateReason\":\"completed\",\"commented\":true,"
        + "\"url\":\"https://github.com/acme/incidents/issues/7\"}");

    assertThat(StructuredContent.read(wire, CloseIssueResult.class).state()).isEqualTo(IssueState.CLOSED);
    assertThatThrownBy(() -> StructuredContent.read(Json.tree(wire.toString().replace("closed", "CLOSED")), CloseIssueResult.class))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
