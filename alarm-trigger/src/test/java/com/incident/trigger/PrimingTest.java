package com.incident.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import com.incident.common.config.Env;
import com.incident.trigger.core.Action;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrimingTest {

  @Test
  void primingStartsTheSampleAlarmThroughStoreTokenAndAgentClientsOnLoopbackOnly() throws Exception {
    // Nothing listens on the discard port: a request that escaped priming would fail the start.
    Config config = Config.from(Env.of(Map.of(
        "INCIDENT_TABLE", "no-such-table",
        "AGENT_ENDPOINT_URL", "http://127.0.0.1:9/",
        "COGNITO_TOKEN_URL", "http://127.0.0.1:9/oauth2/token",
        "COGNITO_CLIENT_ID", "priming-client",
        "COGNITO_CLIENT_SECRET_PARAM", "/no/such/parameter",
        "COGNITO_SCOPE", "incident-api/invoke")));

    Wiring.Primed primed = Wiring.prime(config);

    assertThat(primed.outcomes()).singleElement().satisfies(o -> {
      assertThat(o.result().alarmName()).isEqualTo("snapstart-priming");
      assertThat(o.result().action()).isEqualTo(Action.STARTED);
    });
    assertThat(primed.dynamoDbRequests()).as("DynamoDB calls answered on loopback").isPositive();
    assertThat(primed.agentRequests()).as("the agent call, after a token from the loopback token endpoint").isEqualTo(1);
  }
}
