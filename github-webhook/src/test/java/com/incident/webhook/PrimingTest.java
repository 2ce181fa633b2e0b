package com.incident.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.incident.common.config.Env;
import com.incident.webhook.core.WebhookResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrimingTest {

  @Test
  void primingRunsASignedCommentThroughSignatureParsingAndTheIndexQueryWithoutReachingAnything() {
    Config config = Config.from(Env.of(Map.of("INCIDENT_TABLE", "incidents", "AGENT_ENDPOINT_URL",
        "https://agent.invalid/", "COGNITO_TOKEN_URL", "https://auth.invalid/oauth2/token", "COGNITO_CLIENT_ID", "c",
        "GITHUB_WEBHOOK_SECRET_PARAM", "/app/incident/github/webhook-secret", "GITHUB_REPOSITORY", "my-org/incidents",
        "SUITE_GITHUB_LOGIN", "incident-bot")));

    WebhookResult primed = Wiring.prime(config);

    // Past the signature and the payload: the offline table knows no incident for the issue.
    assertThat(primed.outcome()).isEqualTo(WebhookResult.Outcome.IGNORED);
    assertThat(primed.reason()).isEqualTo("issue #1 is not an incident issue of this suite");
  }
}
