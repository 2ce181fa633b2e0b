package com.incident.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.incident.common.config.Env;
import com.incident.common.testing.TestTokens;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrimingTest {

  @Test
  void primingAnswersInitializePingAndToolsListAskingEveryTargetOffline() throws Exception {
    Map<String, String> env = new HashMap<>(FakeTools.targetEnv());
    // The issuer's JWKS would be fetched from here; nothing listens on the discard port.
    env.putAll(Map.of("COGNITO_ISSUER", "http://127.0.0.1:9/pool", "COGNITO_ALLOWED_CLIENT_IDS", TestTokens.CLIENT_ID,
        "COGNITO_REQUIRED_SCOPE", TestTokens.SCOPE));
    Config config = Config.from(Env.of(env));

    Wiring.Primed primed = Wiring.prime(config);

    assertThat(primed.statuses()).containsExactly(200, 200, 200);
    assertThat(primed.lambdaRequests()).isEqualTo(config.targets().size());
    assertThat(primed.verifiedClient()).isEqualTo("snapstart-priming");
  }
}
