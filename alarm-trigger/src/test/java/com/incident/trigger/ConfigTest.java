package com.incident.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.incident.common.config.Env;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {
  private static final Map<String, String> REQUIRED = Map.of(
      "INCIDENT_TABLE", "incidents",
      "AGENT_ENDPOINT_URL", "https://abc.lambda-url.us-west-2.on.aws/",
      "COGNITO_TOKEN_URL", "https://d.auth.us-west-2.amazoncognito.com/oauth2/token",
      "COGNITO_CLIENT_ID", "client");

  @Test
  void defaultsAreTheDocumentedOnes() {
    Config c = Config.from(Env.of(REQUIRED));

    assertThat(c.rateLimits().globalPerHour()).isEqualTo(10);
    assertThat(c.rateLimits().perAlarmPerHour()).isEqualTo(3);
    assertThat(c.agent().tokens().secretParameter()).isEqualTo("/app/incident/cognito/client-secret");
    assertThat(c.agent().tokens().scope()).isNull();
    assertThat(c.claimLease()).isEqualTo(Duration.ofSeconds(90));
    assertThat(c.agent().backoff().maxAttempts()).isEqualTo(3);
  }

  @Test
  void badValuesFailAtInitNamingTheVariable() {
    assertThatThrownBy(() -> Config.from(Env.of(with("AGENT_ENDPOINT_URL", "not a url"))))
        .hasMessageContaining("AGENT_ENDPOINT_URL");
    assertThatThrownBy(() -> Config.from(Env.of(with("RATE_LIMIT_GLOBAL_PER_HOUR", "0"))))
        .hasMessageContaining("RATE_LIMIT_GLOBAL_PER_HOUR");
    assertThatThrownBy(() -> Config.from(Env.of(Map.of()))).hasMessageContaining("INCIDENT_TABLE");
  }

  private static Map<String, String> with(String k, String v) {
    Map<String, String> m = new HashMap<>(REQUIRED);
    m.put(k, v);
    return m;
  }
}
