package com.incident.agent.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.incident.agent.testing.FakeGateway;
import com.incident.agent.testing.MutableClock;
import com.incident.common.auth.ClientCredentialsTokens;
import com.incident.common.json.Json;
import com.incident.common.secrets.StaticSecretProvider;
import com.incident.common.testing.LogCapture;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The agent's own gateway token at the wire: MockWebServer as the Cognito token endpoint, the in-process MCP
 * gateway that answers 401 to any token but the one it expects, the production token client and MCP client.
 */
class GatewayTokenTest {
  private static final String CLIENT_ID = "incident-m2m-client";
  private static final String SECRET = "cl1ent-s3cret/with+chars";
  private static final String SECRET_PARAM = "/app/incident/cognito/client-secret";

  private final MockWebServer cognito = new MockWebServer();
  private final FakeGateway gateway = new FakeGateway()
      .tool("echo", FakeGateway.schema("text"), args -> FakeGateway.result("echo: " + args.path("text").asText(), null));
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T03:15:20Z"));
  private final HttpClient http = HttpClient.newHttpClient();
  private ClientCredentialsTokens tokens;

  @BeforeEach
  void start() throws Exception {
    cognito.start(InetAddress.getByName("127.0.0.1"), 0);
    tokens = new ClientCredentialsTokens(ClientCredentialsTokens.Transport.of(http),
        new ClientCredentialsTokens.Settings(cognito.url("/oauth2/token").uri(), CLIENT_ID, SECRET_PARAM,
            "incident-api/invoke", Duration.ofSeconds(5), Duration.ofMinutes(2)),
        new StaticSecretProvider(Map.of(SECRET_PARAM, SECRET)), clock);
  }

  @AfterEach
  void stop() {
    gateway.close();
    cognito.close();
  }

  @Test
  void theAgentFetchesItsOwnTokenWithTheClientSecretAndReusesItWhileValid() throws Exception {
    cognito.enqueue(token("tok-1", 3600));
    gateway.expectAuthorization("Bearer tok-1");
    Gateway session = session();

    echo(session);
    clock.advance(Duration.ofSeconds(3600 - 121));
    echo(session);

    RecordedRequest request = cognito.takeRequest();
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
        .encodeToString((CLIENT_ID + ":" + "cl1ent-s3cret%2Fwith%2Bchars").getBytes()));
    assertThat(request.getBody().utf8()).isEqualTo("grant_type=client_credentials&scope=incident-api%2Finvoke");
    assertThat(cognito.getRequestCount()).isEqualTo(1);
    assertThat(gateway.calls()).extracting(FakeGateway.Call::authorization).containsOnly("Bearer tok-1");
  }

  @Test
  void aTokenNearItsExpiryIsRefreshedBeforeTheNextCallSoTheGatewayNeverSeesItExpire() throws Exception {
    cognito.enqueue(token("tok-1", 3600));
    cognito.enqueue(token("tok-2", 3600));
    gateway.expectAuthorization("Bearer tok-1");
    Gateway session = session();
    echo(session);

    clock.advance(Duration.ofSeconds(3600 - 119));
    gateway.expectAuthorization("Bearer tok-2");
    echo(session);

    assertThat(cognito.getRequestCount()).isEqualTo(2);
    assertThat(gateway.rejected()).isEmpty();
    assertThat(gateway.calls()).extracting(FakeGateway.Call::authorization).containsExactly("Bearer tok-1", "Bearer tok-2");
  }

  @Test
  void aShortLivedTokenIsRefreshedAtHalfItsLifeNotOnEveryCall() throws Exception {
    cognito.enqueue(token("tok-1", 200));
    cognito.enqueue(token("tok-2", 200));
    gateway.expectAuthorization(null);
    Gateway session = session();

    echo(session);
    clock.advance(Duration.ofSeconds(99));
    echo(session);
    clock.advance(Duration.ofSeconds(2));
    echo(session);

    assertThat(gateway.calls()).extracting(FakeGateway.Call::authorization)
        .containsExactly("Bearer tok-1", "Bearer tok-1", "Bearer tok-2");
  }

  @Test
  void aRefreshThatFailsWhileTheCachedTokenIsStillValidKeepsUsingIt() throws Exception {
    cognito.enqueue(token("tok-1", 3600));
    cognito.enqueue(new MockResponse.Builder().code(503).body("{\"error\":\"unavailable\"}").build());
    gateway.expectAuthorization("Bearer tok-1");
    Gateway session = session();
    echo(session);

    clock.advance(Duration.ofSeconds(3600 - 60));
    echo(session);

    assertThat(cognito.getRequestCount()).isEqualTo(2);
    assertThat(gateway.calls()).extracting(FakeGateway.Call::authorization).containsOnly("Bearer tok-1");
  }

  @Test
  void a401FromTheGatewayFetchesOneFreshTokenAndRetriesTheCallOnce() throws Exception {
    cognito.enqueue(token("revoked", 3600));
    cognito.enqueue(token("fresh", 3600));
    gateway.expectAuthorization("Bearer fresh");

    ToolOutcome out = session().call("echo", Json.object().put("text", "안녕"), Duration.ofSeconds(5));

    assertThat(out.text()).isEqualTo("echo: 안녕");
    assertThat(gateway.rejected()).containsExactly("Bearer revoked");
    assertThat(gateway.calls()).extracting(FakeGateway.Call::authorization).containsExactly("Bearer fresh");
    assertThat(cognito.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aSecond401IsAClearErrorAfterExactlyOneRefresh() {
    cognito.enqueue(token("tok-1", 3600));
    cognito.enqueue(token("tok-2", 3600));
    cognito.enqueue(token("tok-3", 3600));
    gateway.expectAuthorization("Bearer for-another-client");

    assertThatThrownBy(() -> session().call("echo", Json.object().put("text", "x"), Duration.ofSeconds(5)))
        .isInstanceOf(GatewayException.class)
        .hasMessageContaining("freshly issued token too (HTTP 401)")
        .hasMessageContaining("COGNITO_ALLOWED_CLIENT_IDS");
    assertThat(gateway.rejected()).containsExactly("Bearer tok-1", "Bearer tok-2");
    assertThat(cognito.getRequestCount()).isEqualTo(2);
  }

  @Test
  void parallelCallsRejectedWithTheSameTokenRefreshItOnce() throws Exception {
    AtomicInteger issued = new AtomicInteger();
    cognito.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return token("tok-" + issued.incrementAndGet(), 3600);
      }
    });
    gateway.expectAuthorization("Bearer tok-1");
    Gateway session = session();
    echo(session);
    gateway.expectAuthorization("Bearer tok-2");

    List<ToolOutcome> outcomes = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<ToolOutcome>> futures = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        futures.add(pool.submit(() -> {
          go.await();
          return session.call("echo", Json.object().put("text", "p"), Duration.ofSeconds(5));
        }));
      }
      go.countDown();
      for (Future<ToolOutcome> f : futures) {
        outcomes.add(f.get());
      }
    }

    assertThat(outcomes).allSatisfy(o -> assertThat(o.error()).isFalse());
    assertThat(issued).hasValue(2);
  }

  @Test
  void neitherTheSecretNorAnyTokenIsLoggedOrPutInAnError() throws Exception {
    cognito.enqueue(token("tok-logged-1", 3600));
    cognito.enqueue(token("tok-logged-2", 3600));
    cognito.enqueue(new MockResponse.Builder().code(400).body("{\"error\":\"invalid_client\",\"error_description\":\""
        + SECRET + "\"}").build());
    gateway.expectAuthorization("Bearer tok-logged-2");
    Throwable error;
    String logged;
    try (LogCapture logs = new LogCapture()) {
      Gateway session = session();
      echo(session);
      gateway.expectAuthorization("Bearer never");
      tokens.invalidate("tok-logged-2");
      error = catchThrowable(() -> echo(session));
      logged = logs.text();
    }

    assertThat(error).isInstanceOf(GatewayException.class).hasMessageContaining("HTTP 400 (invalid_client)");
    assertThat(error.getMessage()).doesNotContain(SECRET, "tok-logged");
    assertThat(logged).contains("Fetched a Cognito access token", "HTTP 401")
        .doesNotContain(SECRET, "cl1ent-s3cret", "tok-logged-1", "tok-logged-2");
  }

  private Gateway session() {
    return McpHttpGateway.connector(http, gateway.uri(), tokens).open("s-1");
  }

  private static void echo(Gateway session) throws GatewayException {
    assertThat(session.call("echo", Json.object().put("text", "x"), Duration.ofSeconds(5)).text()).isEqualTo("echo: x");
  }

  private static MockResponse token(String accessToken, long expiresIn) {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body("{\"access_token\":\"" + accessToken + "\",\"expires_in\":" + expiresIn + ",\"token_type\":\"Bearer\"}")
        .build();
  }
}
