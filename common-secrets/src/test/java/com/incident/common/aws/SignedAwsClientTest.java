package com.incident.common.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.incident.common.aws.SignedAwsClient.Service;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/** The signed request at the wire (MockWebServer standing in for an AWS API). */
class SignedAwsClientTest {
  private static final StaticCredentialsProvider SESSION = StaticCredentialsProvider.create(
      AwsSessionCredentials.create("AKIDEXAMPLE", "secret", "session-token"));

  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private SignedAwsClient client(Service service) {
    return SignedAwsClient.of(service, UrlConnectionHttpClient.create(), SESSION, Region.AP_NORTHEAST_2,
        URI.create(server.url("/").toString()));
  }

  @Test
  void aJson11CallIsSignedForTheServiceAndRegionWithTheSessionToken() throws Exception {
    server.enqueue(new MockResponse(200, Headers.of(), "{\"Parameter\":{\"Value\":\"v\"}}"));

    SignedAwsClient.Response response = client(Service.SSM).json11("AmazonSSM", "GetParameter",
        Map.of("Name", "/p", "WithDecryption", true));

    assertThat(response.successful()).isTrue();
    assertThat(response.json().path("Parameter").path("Value").asText()).isEqualTo("v");
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getHeaders().get("X-Amz-Target")).isEqualTo("AmazonSSM.GetParameter");
    assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/x-amz-json-1.1");
    assertThat(request.getHeaders().get("X-Amz-Security-Token")).isEqualTo("session-token");
    assertThat(request.getHeaders().get("Authorization"))
        .startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
        .contains("/ap-northeast-2/ssm/aws4_request")
        .contains("SignedHeaders=")
        .contains("x-amz-target")
        .contains("host")
        .doesNotContain("secret");
    assertThat(request.getBody().utf8()).contains("\"Name\":\"/p\"").contains("\"WithDecryption\":true");
  }

  @Test
  void throttlingAndServerErrorsAreRetriedThenAnswered() throws Exception {
    server.enqueue(new MockResponse(400, Headers.of(), "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}"));
    server.enqueue(new MockResponse(503, Headers.of(), ""));
    server.enqueue(new MockResponse(200, Headers.of(), "{}"));

    assertThat(client(Service.SSM).json11("AmazonSSM", "GetParameter", Map.of("Name", "/p")).status()).isEqualTo(200);
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void anErrorThatCanNeverSucceedIsAnsweredAtOnceWithItsCode() {
    server.enqueue(new MockResponse(400, Headers.of("x-amzn-ErrorType", "ParameterNotFound:http://internal"), "{}"));

    SignedAwsClient.Response response = client(Service.SSM).json11("AmazonSSM", "GetParameter", Map.of("Name", "/p"));

    assertThat(response.successful()).isFalse();
    assertThat(response.errorCode()).isEqualTo("ParameterNotFound");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aRestCallKeepsItsPathAndHeaders() throws Exception {
    server.enqueue(new MockResponse(202, Headers.of(), ""));

    SignedAwsClient.Response response = client(Service.LAMBDA).send(SdkHttpMethod.POST,
        "/2015-03-31/functions/fn/invocations", Map.of("X-Amz-Invocation-Type", "Event"), "{\"a\":1}");

    assertThat(response.status()).isEqualTo(202);
    RecordedRequest request = server.takeRequest();
    assertThat(request.getTarget()).isEqualTo("/2015-03-31/functions/fn/invocations");
    assertThat(request.getHeaders().get("Authorization")).contains("/ap-northeast-2/lambda/aws4_request");
    assertThat(request.getHeaders().get("X-Amz-Invocation-Type")).isEqualTo("Event");
  }

  @Test
  void theServiceEndpointOverrideIsTheSdksSystemProperty() throws Exception {
    server.enqueue(new MockResponse(200, Headers.of(), "{}"));
    System.setProperty("aws.endpointUrlEks", server.url("/").toString());
    try {
      SignedAwsClient eks = SignedAwsClient.of(Service.EKS, UrlConnectionHttpClient.create(), SESSION,
          Region.US_EAST_1, null);
      eks.send(SdkHttpMethod.GET, "/clusters/prod", Map.of(), null);
    } finally {
      System.clearProperty("aws.endpointUrlEks");
    }
    assertThat(server.takeRequest().getTarget()).isEqualTo("/clusters/prod");
  }

  @Test
  void anEndpointThatNeverAnswersIsAnIoFailureAfterTheRetries() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    SignedAwsClient refused = SignedAwsClient.of(Service.SSM, UrlConnectionHttpClient.create(), SESSION,
        Region.US_EAST_1, URI.create("http://127.0.0.1:" + closed));

    assertThatThrownBy(() -> refused.json11("AmazonSSM", "GetParameter", Map.of("Name", "/p")))
        .isInstanceOf(UncheckedIOException.class)
        .hasRootCauseInstanceOf(java.net.ConnectException.class);
  }

  @Test
  void errorCodesAreReadFromTheHeaderOrTheBody() {
    assertThat(SignedAwsClient.errorCode(Optional.empty(), "{\"__type\":\"com.amazon#ResourceNotFoundException\"}"))
        .isEqualTo("ResourceNotFoundException");
    assertThat(SignedAwsClient.errorCode(Optional.empty(), "{\"Code\":\"AccessDenied\"}")).isEqualTo("AccessDenied");
    assertThat(SignedAwsClient.errorCode(Optional.empty(), "<html>")).isEqualTo("unknown");
  }
}
