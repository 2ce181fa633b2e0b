package com.incident.tools.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.incident.common.config.Env;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Map;
import javax.net.ssl.TrustManager;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/** The Amazon OpenSearch Service path: AwsSdk2Transport over the url-connection client, SigV4-signed, over TLS. */
class SigV4TransportTest {
  MockWebServer server = new MockWebServer();
  HandshakeCertificates trust;
  OpenSearchLogSource source;

  @BeforeEach
  void start() throws IOException {
    HeldCertificate certificate = new HeldCertificate.Builder().addSubjectAlternativeName("127.0.0.1").build();
    server.useHttps(new HandshakeCertificates.Builder().heldCertificate(certificate).build().sslSocketFactory());
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    trust = new HandshakeCertificates.Builder().addTrustedCertificate(certificate.certificate()).build();
    source = source(Map.of("OPENSEARCH_ENDPOINT", "https://127.0.0.1:" + server.getPort(), "OPENSEARCH_REGION", "us-west-2"));
  }

  OpenSearchLogSource source(Map<String, String> env) {
    Config config = Config.from(Env.of(env));
    SdkHttpClient http = UrlConnectionHttpClient.builder()
        .tlsTrustManagersProvider(() -> new TrustManager[] {trust.trustManager()})
        .build();
    OpenSearchGenericClient client = new OpenSearchGenericClient(OpenSearchClients.sigV4(config, http,
        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTESTTESTTEST1234", "not-a-real-secret"))));
    return new OpenSearchLogSource(client, config.schema(), config.endpoint());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void withoutAwsCredentialsTheSearchFailsWithOneSentenceSayingSo() {
    Config config = Config.from(Env.of(Map.of("OPENSEARCH_ENDPOINT", "https://127.0.0.1:" + server.getPort(),
        "OPENSEARCH_REGION", "us-west-2")));
    OpenSearchLogSource unsigned = new OpenSearchLogSource(new OpenSearchGenericClient(OpenSearchClients.sigV4(config,
        UrlConnectionHttpClient.create(), software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain.of(
            software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider.create(),
            software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider.create()))),
        config.schema(), config.endpoint());

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> unsigned.search("eks-app-logs", "level:ERROR",
            new TimeWindow(Instant.parse("2026-11-21T13:00:00Z"), Instant.parse("2026-11-21T14:00:00Z")), 10))
        .isInstanceOf(com.incident.common.tool.ToolException.class)
        .hasMessage("Cannot reach OpenSearch at https://127.0.0.1:" + server.getPort() + ": no AWS credentials were "
            + "found (environment variables, ~/.aws profile, SSO or the function's IAM role)");
    assertThat(server.getRequestCount()).as("nothing unsigned is sent").isZero();
  }

  @Test
  void searchesAreSignedForTheEsServiceInTheConfiguredRegion() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body("{\"hits\":{\"total\":{\"value\":0},\"hits\":[]}}").build());

    LogSource.SearchPage page = source.search("eks-app-logs", "level:ERROR",
        new TimeWindow(Instant.parse("2026-11-21T13:00:00Z"), Instant.parse("2026-11-21T14:00:00Z")), 10);

    assertThat(page.total()).isZero();
    RecordedRequest request = server.takeRequest();
    assertThat(request.getTarget()).isEqualTo("/eks-app-logs/_search");
    assertThat(request.getHeaders().get("Authorization"))
        .startsWith("AWS4-HMAC-SHA256 Credential=AKIDTESTTESTTEST1234/")
        .contains("/us-west-2/es/aws4_request")
        .contains("SignedHeaders=")
        .contains("Signature=");
    assertThat(request.getHeaders().get("x-amz-content-sha256")).isNotBlank();
  }

  @Test
  void serverlessRequestsAreSignedForAossWithThePayloadHashItRequires() throws Exception {
    OpenSearchLogSource serverless = source(Map.of("OPENSEARCH_ENDPOINT", "https://127.0.0.1:" + server.getPort(),
        "OPENSEARCH_REGION", "eu-central-1", "OPENSEARCH_SIGNING_SERVICE", "aoss"));
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body("{\"logs-a\":{\"mappings\":{\"properties\":{\"status\":{\"type\":\"long\"}}}}}").build());
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body("{\"hits\":{\"total\":{\"value\":0},\"hits\":[]},\"aggregations\":{}}").build());

    serverless.errors("logs-*", new TimeWindow(Instant.parse("2026-11-21T13:00:00Z"), Instant.parse("2026-11-21T14:00:00Z")),
        LogSource.GroupBy.SERVICE, 5, 3);

    for (String expected : new String[] {"/logs-*/_mapping", "/logs-*/_search"}) {
      RecordedRequest request = server.takeRequest();
      assertThat(request.getTarget()).isEqualTo(expected);
      String authorization = request.getHeaders().get("Authorization");
      assertThat(authorization).startsWith("AWS4-HMAC-SHA256 Credential=AKIDTESTTESTTEST1234/");
      assertThat(authorization.substring(0, authorization.indexOf(','))).endsWith("/eu-central-1/aoss/aws4_request");
      assertThat(authorization).contains("x-amz-content-sha256");
      String payloadHash = request.getHeaders().get("x-amz-content-sha256");
      assertThat(payloadHash).matches("[0-9a-f]{64}");
      assertThat(payloadHash).isEqualTo(sha256(request.getBody() == null ? new byte[0] : request.getBody().toByteArray()));
    }
  }

  private static String sha256(byte[] body) throws Exception {
    return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(body));
  }
}
