package com.incident.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.incident.common.config.Env;
import com.incident.common.testing.TestTokens;
import com.incident.common.tool.ToolNames.Target;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {
  private final Map<String, String> env = new HashMap<>(Map.of(
      "COGNITO_ISSUER", TestTokens.ISSUER,
      "COGNITO_ALLOWED_CLIENT_IDS", TestTokens.CLIENT_ID,
      "COGNITO_REQUIRED_SCOPE", TestTokens.SCOPE));

  @Test
  void readsOneFunctionPerTargetAndDefaults() {
    env.putAll(FakeTools.targetEnv());
    env.put("DATADOG_ENABLED", "true");

    Config config = Config.from(Env.of(env));

    assertThat(config.targets()).containsEntry(Target.CONTAINER_INSIGHT, FakeTools.INSIGHT_FN)
        .containsEntry(Target.DATADOG, FakeTools.DATADOG_FN).hasSize(5);
    assertThat(config.toolsCacheTtl()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.auth().jwksUrl()).isEqualTo(TestTokens.ISSUER + "/.well-known/jwks.json");
  }

  @Test
  void datadogIsOffUnlessEnabled() {
    env.putAll(FakeTools.targetEnv());

    Config config = Config.from(Env.of(env));

    assertThat(config.datadogEnabled()).isFalse();
    assertThat(config.targets()).doesNotContainKey(Target.DATADOG);
  }

  @Test
  void refusesToStartWithoutAnyTarget() {
    assertThatThrownBy(() -> Config.from(Env.of(env))).hasMessageContaining("TOOL_TARGET_");
  }

  @Test
  void refusesToStartWithoutCognitoSettings() {
    Map<String, String> noAuth = new HashMap<>(FakeTools.targetEnv());

    assertThatThrownBy(() -> Config.from(Env.of(noAuth))).hasMessageContaining("COGNITO_ISSUER");
  }
}
