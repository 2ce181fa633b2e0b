package com.incident.agent.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.incident.agent.testing.Harness;
import com.incident.common.incident.AnalysisMode;
import com.incident.common.aws.SignedAwsClient;
import com.incident.common.json.Json;
import java.net.InetAddress;
import java.net.URI;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/** The self-invocation at the Lambda Invoke wire protocol (MockWebServer standing in for the Lambda API). */
class LambdaSelfInvokerTest {
  private final MockWebServer server = new MockWebServer();
  private SignedAwsClient lambda;

  @BeforeEach
  void start() throws Exception {
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    lambda = SignedAwsClient.of(SignedAwsClient.Service.LAMBDA, UrlConnectionHttpClient.create(),
        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")), Region.US_EAST_1,
        URI.create(server.url("/").toString()));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void invokesItselfAsynchronouslyWithTheWorkerPayload() throws Exception {
    server.enqueue(new MockResponse(202, Headers.of(), ""));
    WorkerPayload payload = WorkerPayload.of(Harness.request(AnalysisMode.ANALYZE));

    new LambdaSelfInvoker(lambda, "incident-agent-runtime").launch(payload);

    RecordedRequest request = server.takeRequest();
    assertThat(request.getTarget()).isEqualTo("/2015-03-31/functions/incident-agent-runtime/invocations");
    assertThat(request.getHeaders().get("X-Amz-Invocation-Type")).isEqualTo("Event");
    assertThat(Json.read(request.getBody().utf8(), WorkerPayload.class)).isEqualTo(payload);
    assertThat(Json.tree(request.getBody().utf8()).properties()).extracting(java.util.Map.Entry::getKey)
        .as("the async event (kept by the on-failure destination) holds no credential")
        .containsExactlyInAnyOrder("kind", "request");
  }

  @Test
  void aRefusedInvokeIsALaunchException() {
    server.enqueue(new MockResponse(403, Headers.of("x-amzn-ErrorType", "AccessDeniedException"), "{\"message\":\"denied\"}"));

    assertThatThrownBy(() -> new LambdaSelfInvoker(lambda, "fn").launch(WorkerPayload.of(Harness.request(AnalysisMode.ANALYZE))))
        .isInstanceOf(AsyncLauncher.LaunchException.class)
        .hasMessage("Async invoke of fn failed: 403 AccessDeniedException");
  }
}
