package com.incident.trigger.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.incident.common.incident.AgentRequest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SessionIdsTest {
  private static final UUID ID = UUID.fromString("7c9e6679-7425-40de-944b-e07fc1f90ae7");

  @Test
  void plainAlarmNamesAreKept() {
    assertThat(SessionIds.forAlarm("netaiops-cpu-spike", ID))
        .isEqualTo("alarm-netaiops-cpu-spike-7c9e6679-7425-40de-944b-e07fc1f90ae7");
  }

  @Test
  void unsafeCharactersAreReplacedAndLongNamesTruncatedToThePattern() {
    String spaced = SessionIds.forAlarm("  CPU > 80% / ui pod (prod)  ", ID);
    String longName = SessionIds.forAlarm("x".repeat(500), ID);
    String korean = SessionIds.forAlarm("결제-서비스 지연", ID);

    assertThat(spaced).isEqualTo("alarm-CPU-80-ui-pod-prod-" + ID);
    assertThat(longName).hasSize(200).endsWith(ID.toString()).matches(AgentRequest.SESSION_ID_PATTERN);
    assertThat(korean).isEqualTo("alarm-unnamed-" + ID);
  }
}
