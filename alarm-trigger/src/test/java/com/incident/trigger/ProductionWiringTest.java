package com.incident.trigger;

import com.incident.common.testing.MotoServer;

import static com.incident.trigger.Rig.status;
import static com.incident.trigger.Rig.token;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.config.Env;
import com.incident.common.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The handler exactly as Lambda builds it (public Env constructor, production wiring): SSM SecureString from
 * moto_server, DynamoDB Local, MockWebServer as Cognito and agent-runtime. SDK endpoints come from the
 * standard aws.endpointUrl* system properties, as in the local sandbox.
 */
class ProductionWiringTest {
  private static URI motoUrl;

  @BeforeAll
  static void pointSdkEndpointsAtLocalServers() {
    motoUrl = MotoServer.get().endpoint();
    System.setProperty("aws.region", "us-west-2");
    System.setProperty("aws.accessKeyId", "test");
    System.setProperty("aws.secretAccessKey", "test");
    System.setProperty("aws.endpointUrlSsm", motoUrl.toString());
    System.setProperty("aws.endpointUrlDynamoDb", com.incident.common.testing.DynamoDbLocal.shared().endpoint()
        .toString());
  }

  @Test
  void productionWiredHandlerReadsTheSecretFromSsmAndStartsTheSessionFromTheSampleEvent() throws Exception {
    try (Rig rig = new Rig();
        SsmClient ssm = SsmClient.builder().endpointOverride(motoUrl).region(Region.US_WEST_2)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .httpClient(UrlConnectionHttpClient.create()).build()) {
      ssm.putParameter(b -> b.name("/app/incident/cognito/client-secret").value("from-ssm-secret")
          .type(ParameterType.SECURE_STRING).overwrite(true));
      rig.cognito.enqueue(token("tok-ssm", 3600));
      rig.agent.enqueue(status(202));
      AlarmTriggerHandler handler = new AlarmTriggerHandler(Wiring.production(Config.from(Env.of(Map.of(
          "INCIDENT_TABLE", rig.table,
          "AGENT_ENDPOINT_URL", rig.agent.url("/").toString(),
          "COGNITO_TOKEN_URL", rig.cognito.url("/oauth2/token").toString(),
          "COGNITO_CLIENT_ID", "prod-client",
          "COGNITO_SCOPE", "incident-api/invoke")))));
      ByteArrayOutputStream out = new ByteArrayOutputStream();

      handler.handleRequest(new ByteArrayInputStream(SnsFixtures.read(SnsFixtures.eventsDir()
          .resolve("sns-alarm-pod-cpu.json")).getBytes(StandardCharsets.UTF_8)), out, null);

      JsonNode result = Json.tree(out.toString(StandardCharsets.UTF_8)).path("results").get(0);
      assertThat(result.path("action").asText()).isEqualTo("started");
      assertThat(rig.cognito.takeRequest().getHeaders().get("Authorization")).isEqualTo("Basic "
          + Base64.getEncoder().encodeToString("prod-client:from-ssm-secret".getBytes(StandardCharsets.UTF_8)));
      assertThat(rig.agent.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer tok-ssm");
      assertThat(rig.attr("ALARM#" + result.path("alarmName").asText(), "openIncidentId")).isNotNull();
    }
  }
}
