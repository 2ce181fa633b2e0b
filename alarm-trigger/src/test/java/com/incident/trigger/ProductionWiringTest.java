package com.incident.trigger;

import static com.incident.trigger.Rig.status;
import static com.incident.trigger.Rig.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.config.Env;
import com.incident.common.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
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
  private static Process moto;
  private static URI motoUrl;

  @BeforeAll
  static void startMoto() throws Exception {
    String binary = onPath("moto_server");
    assumeTrue(binary != null, "SKIPPED LOUDLY: moto_server is not on PATH; the production-wiring test needs it");
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    moto = new ProcessBuilder(binary, "-H", "127.0.0.1", "-p", String.valueOf(port))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    motoUrl = URI.create("http://127.0.0.1:" + port);
    for (int i = 0; i < 300 && !listening(port); i++) {
      Thread.sleep(100);
    }
    assertThat(listening(port)).as("moto_server listening on " + port).isTrue();
    System.setProperty("aws.region", "us-west-2");
    System.setProperty("aws.accessKeyId", "test");
    System.setProperty("aws.secretAccessKey", "test");
    System.setProperty("aws.endpointUrlSsm", motoUrl.toString());
    System.setProperty("aws.endpointUrlDynamoDb", com.incident.common.testing.DynamoDbLocal.shared().endpoint()
        .toString());
  }

  @AfterAll
  static void stopMoto() throws Exception {
    if (moto != null) {
      moto.destroy();
      moto.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void lambdaConstructedHandlerReadsTheSecretFromSsmAndStartsTheSessionFromTheSampleEvent() throws Exception {
    try (Rig rig = new Rig();
        SsmClient ssm = SsmClient.builder().endpointOverride(motoUrl).region(Region.US_WEST_2)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .httpClient(UrlConnectionHttpClient.create()).build()) {
      ssm.putParameter(b -> b.name("/app/incident/cognito/client-secret").value("from-ssm-secret")
          .type(ParameterType.SECURE_STRING).overwrite(true));
      rig.cognito.enqueue(token("tok-ssm", 3600));
      rig.agent.enqueue(status(202));
      AlarmTriggerHandler handler = new AlarmTriggerHandler(Env.of(Map.of(
          "INCIDENT_TABLE", rig.table,
          "AGENT_ENDPOINT_URL", rig.agent.url("/").toString(),
          "COGNITO_TOKEN_URL", rig.cognito.url("/oauth2/token").toString(),
          "COGNITO_CLIENT_ID", "prod-client",
          "COGNITO_SCOPE", "incident-api/invoke")));
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

  private static boolean listening(int port) {
    try (Socket ignored = new Socket("127.0.0.1", port)) {
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  private static String onPath(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      File f = new File(dir, name);
      if (f.canExecute()) {
        return f.getAbsolutePath();
      }
    }
    return null;
  }
}
