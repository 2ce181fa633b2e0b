package com.incident.agent.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.incident.agent.testing.Converse;
import com.incident.common.json.Json;
import com.incident.common.retry.Backoff;
import com.incident.common.retry.Retry;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.Message;

class BedrockModelClientTest {
  private final MockWebServer server = new MockWebServer();
  private final List<Duration> sleeps = new ArrayList<>();
  private BedrockRuntimeClient sdk;
  private BedrockModelClient client;

  @BeforeEach
  void start() throws Exception {
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    sdk = BedrockRuntimeClient.builder().endpointOverride(URI.create(server.url("/").toString())).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    client = new BedrockModelClient(sdk, "model-x",
        new Retry(new Backoff(3, Duration.ofMillis(100), Duration.ofMillis(250)), sleeps::add, Clock.systemUTC(), () -> 1.0));
  }

  @AfterEach
  void stop() {
    sdk.close();
    server.close();
  }

  @Test
  void aValidationErrorIsNotRetried() {
    server.enqueue(Converse.error(400, "ValidationException"));

    assertThatThrownBy(() -> client.converse(request(), Duration.ofSeconds(30)))
        .isInstanceOf(ModelException.class).hasMessageContaining("400").hasMessageContaining("ValidationException")
        .matches(e -> !((ModelException) e).retryable());
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void backoffGrowsExponentiallyUpToItsCap() throws Exception {
    server.enqueue(Converse.error(429, "ThrottlingException"));
    server.enqueue(Converse.error(503, "ServiceUnavailableException"));
    server.enqueue(Converse.say("좋습니다"));

    var response = client.converse(request(), Duration.ofSeconds(30));

    assertThat(response.output().message().content().getFirst().text()).isEqualTo("좋습니다");
    assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    assertThat(server.takeRequest().getTarget()).isEqualTo("/model/model-x/converse");
  }

  @Test
  void noRetryIsStartedThatCannotFinishInsideTheBudget() {
    BedrockModelClient slowBackoff = new BedrockModelClient(sdk, "model-x",
        new Retry(new Backoff(3, Duration.ofSeconds(30), Duration.ofSeconds(30)), sleeps::add, Clock.systemUTC(), () -> 1.0));
    server.enqueue(Converse.error(429, "ThrottlingException"));

    assertThatThrownBy(() -> slowBackoff.converse(request(), Duration.ofSeconds(10)))
        .isInstanceOf(ModelException.class).hasMessageContaining("no time left to retry");
    assertThat(sleeps).isEmpty();
  }

  @Test
  void documentsRoundTripJson() throws Exception {
    var json = Json.tree("{\"a\":[1,2.5,true,null,\"한글\"],\"b\":{\"c\":12345678901234}}");

    assertThat(Documents.toJson(Documents.toDocument(json))).isEqualTo(json);
  }

  private static ConverseRequest request() {
    return ConverseRequest.builder().messages(Message.builder().role(ConversationRole.USER)
        .content(ContentBlock.fromText("hi")).build()).build();
  }
}
