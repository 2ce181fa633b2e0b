package com.incident.tools.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.incident.common.config.Env;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {

  @Test
  void defaultsToGitHubDotComAndTokenAuth() {
    Config c = Config.from(Env.of(Map.of("GITHUB_REPOSITORY", "acme/incidents", "GITHUB_TOKEN_PARAM", "/p/token")));

    assertThat(c.apiUrl().toString()).isEqualTo("https://api.github.com");
    assertThat(c.owner()).isEqualTo("acme");
    assertThat(c.repository()).isEqualTo("incidents");
    assertThat(c.appAuth()).isFalse();
    assertThat(c.maxRateLimitWait()).isEqualTo(Duration.ofSeconds(20));
    assertThat(c.maxContinuationComments()).isEqualTo(5);
    assertThat(c.similarCommentFetches()).isEqualTo(20);
  }

  @Test
  void enterpriseServerUrlAndAppAuth() {
    Config c = Config.from(Env.of(Map.of("GITHUB_REPOSITORY", "sre/incidents", "GITHUB_API_URL", "https://ghe.example.com/api/v3/",
        "GITHUB_APP_ID_PARAM", "/p/app-id", "GITHUB_APP_PRIVATE_KEY_PARAM", "/p/app-key")));

    assertThat(c.apiUrl().toString()).isEqualTo("https://ghe.example.com/api/v3");
    assertThat(c.appAuth()).isTrue();
  }

  @Test
  void rejectsMisconfigurationAtInitWithTheVariableName() {
    assertThatThrownBy(() -> Config.from(Env.of(Map.of("GITHUB_REPOSITORY", "incidents", "GITHUB_TOKEN_PARAM", "/p"))))
        .hasMessageContaining("GITHUB_REPOSITORY");
    assertThatThrownBy(() -> Config.from(Env.of(Map.of("GITHUB_REPOSITORY", "a/b"))))
        .hasMessageContaining("GITHUB_TOKEN_PARAM");
    assertThatThrownBy(() -> Config.from(Env.of(Map.of("GITHUB_REPOSITORY", "a/b", "GITHUB_APP_ID_PARAM", "/p"))))
        .hasMessageContaining("GITHUB_APP_PRIVATE_KEY_PARAM");
    assertThatThrownBy(() -> Config.from(Env.of(Map.of("GITHUB_REPOSITORY", "a/b", "GITHUB_TOKEN_PARAM", "/p", "GITHUB_API_URL", "ftp://x"))))
        .hasMessageContaining("GITHUB_API_URL");
    assertThatThrownBy(() -> Config.from(Env.of(Map.of("GITHUB_REPOSITORY", "a/b", "GITHUB_TOKEN_PARAM", "/p",
        "GITHUB_MAX_CONTINUATION_COMMENTS", "-1")))).hasMessageContaining("GITHUB_MAX_CONTINUATION_COMMENTS");
    assertThatThrownBy(() -> Config.from(Env.of(Map.of("GITHUB_REPOSITORY", "a/b", "GITHUB_TOKEN_PARAM", "/p",
        "GITHUB_SIMILAR_COMMENT_FETCHES", "101")))).hasMessageContaining("GITHUB_SIMILAR_COMMENT_FETCHES");
  }
}
