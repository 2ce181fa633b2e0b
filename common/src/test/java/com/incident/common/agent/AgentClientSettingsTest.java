package com.incident.common.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.incident.common.config.Env;
import com.incident.common.retry.Backoff;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentClientSettingsTest {
  private static final Map<String, String> REQUIRED = Map.of(
      "AGENT_ENDPOINT_URL", "https://abc.lambda-url.us-west-2.on.aws/",
      "COGNITO_TOKEN_URL", "https://d.auth.us-west-2.amazoncognito.com/oauth2/token",
      "COGNITO_CLIENT_ID", "client");

  @Test
  void onlyTheEndpointAndTheAppClientAreRequiredEverythingElseHasItsDocumentedDefault() {
    AgentClientSettings s = AgentClientSettings.from(Env.of(REQUIRED));

    assertThat(s.endpoint()).isEqualTo(URI.create("https://abc.lambda-url.us-west-2.on.aws/"));
    assertThat(s.connectTimeout()).isEqualTo(Duration.ofMillis(3000));
    assertThat(s.requestTimeout()).isEqualTo(Duration.ofMillis(5000));
    assertThat(s.backoff()).isEqualTo(new Backoff(3, Duration.ofMillis(300), Duration.ofMillis(3000)));
    assertThat(s.tokens().tokenUrl()).isEqualTo(URI.create("https://d.auth.us-west-2.amazoncognito.com/oauth2/token"));
    assertThat(s.tokens().clientId()).isEqualTo("client");
    assertThat(s.tokens().secretParameter()).isEqualTo("/app/incident/cognito/client-secret");
    assertThat(s.tokens().scope()).isNull();
    assertThat(s.tokens().refreshBefore()).isEqualTo(Duration.ofSeconds(120));
  }

  @Test
  void theTokenRequestSharesTheRequestTimeout() {
    AgentClientSettings s = AgentClientSettings.from(Env.of(with(Map.of("HTTP_REQUEST_TIMEOUT_MS", "1500",
        "HTTP_CONNECT_TIMEOUT_MS", "700", "HTTP_MAX_ATTEMPTS", "1", "TOKEN_REFRESH_BEFORE_SECONDS", "60",
        "COGNITO_SCOPE", "incident-api/invoke"))));

    assertThat(s.requestTimeout()).isEqualTo(Duration.ofMillis(1500));
    assertThat(s.tokens().requestTimeout()).isEqualTo(Duration.ofMillis(1500));
    assertThat(s.connectTimeout()).isEqualTo(Duration.ofMillis(700));
    assertThat(s.backoff().maxAttempts()).isEqualTo(1);
    assertThat(s.tokens().refreshBefore()).isEqualTo(Duration.ofSeconds(60));
    assertThat(s.tokens().scope()).isEqualTo("incident-api/invoke");
  }

  @Test
  void aMissingVariableIsNamed() {
    Map<String, String> env = new HashMap<>(REQUIRED);
    env.remove("AGENT_ENDPOINT_URL");

    assertThatThrownBy(() -> AgentClientSettings.from(Env.of(env)))
        .hasMessage("Missing required environment variable AGENT_ENDPOINT_URL");
  }

  @Test
  void anEndpointThatIsNoHttpUrlIsRefusedWithItsValue() {
    assertThatThrownBy(() -> AgentClientSettings.from(Env.of(with(Map.of("AGENT_ENDPOINT_URL", "ftp://agent/")))))
        .hasMessage("Environment variable AGENT_ENDPOINT_URL must be an http(s) URL, got 'ftp://agent/'");
    assertThatThrownBy(() -> AgentClientSettings.from(Env.of(with(Map.of("AGENT_ENDPOINT_URL", "not a url")))))
        .hasMessage("Environment variable AGENT_ENDPOINT_URL must be an http(s) URL, got 'not a url'");
  }

  @Test
  void aNumberThatIsNoIntegerOrNotPositiveIsRefusedNamingTheVariable() {
    assertThatThrownBy(() -> AgentClientSettings.from(Env.of(with(Map.of("HTTP_REQUEST_TIMEOUT_MS", "5s")))))
        .hasMessage("Environment variable HTTP_REQUEST_TIMEOUT_MS must be an integer, got '5s'");
    assertThatThrownBy(() -> AgentClientSettings.from(Env.of(with(Map.of("HTTP_MAX_ATTEMPTS", "0")))))
        .hasMessage("Environment variable HTTP_MAX_ATTEMPTS must be > 0, got 0");
    assertThatThrownBy(() -> AgentClientSettings.from(Env.of(with(Map.of("HTTP_RETRY_MAX_MS", "-1")))))
        .hasMessage("Environment variable HTTP_RETRY_MAX_MS must be > 0, got -1");
  }

  private static Map<String, String> with(Map<String, String> overrides) {
    Map<String, String> env = new HashMap<>(REQUIRED);
    env.putAll(overrides);
    return env;
  }
}
