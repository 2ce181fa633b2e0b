package com.incident.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.incident.common.config.Env;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrimingTest {

  @Test
  void primingAcceptsTheSampleRequestLaunchesItsRunAndReadsAModelAnswerWithNoEndpointBehindThem() throws Exception {
    // Every URL names the discard port on loopback: a request that escaped priming would fail the accept.
    Config config = Config.from(Env.of(Map.of("GATEWAY_URL", "http://127.0.0.1:9/mcp",
        "INCIDENT_TABLE", "no-such-table", "AWS_REGION", "us-east-1", "AWS_LAMBDA_FUNCTION_NAME", "agent-fn",
        "COGNITO_TOKEN_URL", "http://127.0.0.1:9/oauth2/token",
        "COGNITO_CLIENT_ID", "m2m-client", "COGNITO_SCOPE", "incident-api/invoke",
        "COGNITO_ISSUER", "http://127.0.0.1:9/pool",
        "COGNITO_REQUIRED_SCOPE", "incident-api/invoke", "COGNITO_ALLOWED_CLIENT_IDS", "m2m-client")));

    Wiring.Primed primed = Wiring.prime(config);

    assertThat(primed.status()).isEqualTo(202);
    assertThat(primed.launched()).isEqualTo(1);
    assertThat(primed.awsRequests()).isGreaterThan(1);
    assertThat(primed.modelAnswer()).isEqualTo("priming");
    assertThat(primed.verifiedClient()).isEqualTo("snapstart-priming");
  }
}
