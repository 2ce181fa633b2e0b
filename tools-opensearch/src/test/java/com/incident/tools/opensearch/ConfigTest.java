package com.incident.tools.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.incident.common.config.Env;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {

  @Test
  void defaultsMatchFluentBitOnEksAndSigV4() {
    Config c = Config.from(Env.of(Map.of("OPENSEARCH_ENDPOINT", "https://search-logs.us-east-1.es.amazonaws.com/", "AWS_REGION", "us-west-2")));

    assertThat(c.endpoint()).isEqualTo("https://search-logs.us-east-1.es.amazonaws.com");
    assertThat(c.auth()).isEqualTo(Config.AuthMode.SIGV4);
    assertThat(c.region()).isEqualTo("us-west-2");
    assertThat(c.signingService()).isEqualTo("es");
    assertThat(c.defaultIndex()).isEqualTo("eks-app-logs");
    assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.schema()).isEqualTo(LogSchema.DEFAULT);
  }

  @Test
  void theLogSchemaIsConfigurable() {
    Config c = Config.from(Env.of(Map.of("OPENSEARCH_ENDPOINT", "http://127.0.0.1:9200", "OPENSEARCH_AUTH", "none",
        "OPENSEARCH_FIELD_MESSAGE", "msg", "OPENSEARCH_FIELD_LEVEL", "severity", "OPENSEARCH_KEYWORD_SUFFIX", "none",
        "OPENSEARCH_ERROR_LEVELS", "err,crit")));

    assertThat(c.schema().messages()).containsExactly("msg");
    assertThat(c.schema().keyword("severity")).isEqualTo("severity");
    assertThat(c.schema().errorLevelSpellings()).containsExactly("err", "ERR", "Err", "crit", "CRIT", "Crit");
    assertThat(c.schema().isErrorLevel("Err")).isTrue();
  }

  @Test
  void misconfigurationFailsAtInitWithTheVariableName() {
    assertThatThrownBy(() -> Config.from(Env.of(Map.of())))
        .hasMessageContaining("OPENSEARCH_ENDPOINT");
    assertThatThrownBy(() -> Config.from(Env.of(Map.of("OPENSEARCH_ENDPOINT", "http://10.0.0.1:9200"))))
        .hasMessageContaining("sigv4 needs an https://");
    assertThatThrownBy(() -> Config.from(Env.of(Map.of("OPENSEARCH_ENDPOINT", "https://x", "OPENSEARCH_AUTH", "basic"))))
        .hasMessageContaining("OPENSEARCH_AUTH must be sigv4 or none");
  }
}
