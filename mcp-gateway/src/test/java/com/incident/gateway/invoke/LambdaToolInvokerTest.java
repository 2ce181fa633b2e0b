package com.incident.gateway.invoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** The real Lambda SDK client against the Invoke REST API served by MockWebServer. */
class LambdaToolInvokerTest {
  private static final String FN = "arn:aws:lambda:us-east-1:123456789012:function:tools-opensearch:live";

  private MockWebServer server;
  private LambdaClient lambda;
  private LambdaToolInvoker invoker;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    lambda = LambdaClient.builder()
        .endpointOverride(URI.create("http://127.0.0.1:" + server.getPort()))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
        .build();
    invoker = new LambdaToolInvoker(lambda);
  }

  @AfterEach
  void stop() {
    lambda.close();
    server.close();
  }

  @Test
  void invokesSynchronouslyAndReturnsThePayload() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body("{\"content\":[],\"isError\":false}").build());

    String answer = invoker.invoke(FN, "{\"method\":\"tools/list\"}", Duration.ofSeconds(5));

    assertThat(answer).isEqualTo("{\"content\":[],\"isError\":false}");
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).startsWith("/2015-03-31/functions/").endsWith("/invocations");
    assertThat(request.getUrl().encodedPath()).contains("tools-opensearch");
    assertThat(request.getHeaders().get("X-Amz-Invocation-Type")).isEqualTo("RequestResponse");
    assertThat(request.getBody().utf8()).isEqualTo("{\"method\":\"tools/list\"}");
  }

  @Test
  void anUnhandledFunctionErrorKeepsTheMessageAndDropsTheStackTrace() {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("X-Amz-Function-Error", "Unhandled")
        .body("{\"errorMessage\":\"token ghp_abcdefghijklmnopqrstuvwxyz0123456789 rejected\",\"errorType\":"
            + "\"java.lang.IllegalStateException\",\"stackTrace\":[\"com.incident.X.y(X.java:1)\"]}").build());

    assertThatThrownBy(() -> invoker.invoke(FN, "{}", Duration.ofSeconds(5)))
        .isInstanceOfSatisfying(ToolInvocationException.class, e -> {
          assertThat(e.kind()).isEqualTo(ToolInvocationException.Kind.FUNCTION_ERROR);
          assertThat(e.getMessage()).startsWith("java.lang.IllegalStateException: token ")
              .doesNotContain("ghp_abcdefghijklmnopqrstuvwxyz0123456789").doesNotContain("X.java");
        });
  }

  @Test
  void aLambdaTimeoutIsATimeout() {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("X-Amz-Function-Error", "Unhandled")
        .body("{\"errorMessage\":\"2026-11-21T10:00:00.000Z 1b2c Task timed out after 60.00 seconds\"}").build());

    assertKind(ToolInvocationException.Kind.TIMEOUT);
  }

  @Test
  void throttlingIsThrottled() {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("x-amzn-ErrorType", "TooManyRequestsException")
        .body("{\"message\":\"Rate Exceeded.\",\"Reason\":\"ReservedFunctionConcurrentInvocationLimitExceeded\"}")
        .build());

    assertKind(ToolInvocationException.Kind.THROTTLED);
  }

  @Test
  void anUnknownFunctionIsNotFound() {
    server.enqueue(new MockResponse.Builder().code(404).addHeader("x-amzn-ErrorType", "ResourceNotFoundException")
        .body("{\"message\":\"Function not found\"}").build());

    assertKind(ToolInvocationException.Kind.NOT_FOUND);
  }

  @Test
  void aMissingInvokePermissionIsNotFound() {
    server.enqueue(new MockResponse.Builder().code(403).addHeader("x-amzn-ErrorType", "AccessDeniedException")
        .body("{\"message\":\"not authorized to perform: lambda:InvokeFunction\"}").build());

    assertKind(ToolInvocationException.Kind.NOT_FOUND);
  }

  @Test
  void aServiceErrorIsUnavailable() {
    server.enqueue(new MockResponse.Builder().code(500).addHeader("x-amzn-ErrorType", "ServiceException")
        .body("{\"message\":\"internal\"}").build());

    assertKind(ToolInvocationException.Kind.UNAVAILABLE);
  }

  @Test
  void noAnswerWithinTheTimeoutIsATimeout() {
    server.enqueue(new MockResponse.Builder().code(200).headersDelay(3, TimeUnit.SECONDS).body("{}").build());

    assertThatThrownBy(() -> invoker.invoke(FN, "{}", Duration.ofMillis(300)))
        .isInstanceOfSatisfying(ToolInvocationException.class,
            e -> assertThat(e.kind()).isEqualTo(ToolInvocationException.Kind.TIMEOUT));
  }

  private void assertKind(ToolInvocationException.Kind kind) {
    assertThatThrownBy(() -> invoker.invoke(FN, "{}", Duration.ofSeconds(5)))
        .isInstanceOfSatisfying(ToolInvocationException.class, e -> assertThat(e.kind()).isEqualTo(kind));
  }
}
