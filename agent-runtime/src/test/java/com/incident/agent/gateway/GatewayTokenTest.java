package com.incident.agent.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.incident.agent.testing.LoopbackGateway;
import com.incident.agent.testing.MutableClock;
import com.incident.common.auth.ClientCredentialsTokens;
import com.incident.common.json.Json;
import com.incident.common.secrets.StaticSecretProvider;
import com.incident.common.testing.LogCapture;
import com.incident.common.testing.TestTokens;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 * The agent's own gateway token at the wire: MockWebServer as the Cognito token endpoint issuing real access tokens
 * (signed by {@link LoopbackGateway#POOL}), the real gateway checking them against the test's clock, the production
 * token client and MCP client. A token the gateway refuses is one that expired or was revoked before the lifetime
 * Cognito announced for it, or one of an app client the gateway does not allow.
 */
class GatewayTokenTest {
  private static final String CLIENT_ID = "incident-m2m-client";
  private static final String SECRET = "cl1ent-s3cret/with+chars";
  private static final String SECRET_PARAM = "/app/incident/cognito/client-secret";

  private static final String ECHO = "opensearch-echo";
  private static final TestTokens POOL = LoopbackGateway.POOL;

  private final MockWebServer cognito = new MockWebServer();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T03:15:20Z"));
  private final LoopbackGateway gateway = new LoopbackGateway().verifyTokensAt(clock)
      .tool(ECHO, LoopbackGateway.schema("text"), args -> LoopbackGateway.result("echo: " + args.path("text").asText(), null));
  /** The access tokens issued so far, by the label a test gives them. */
  private final Map<String, String> issued = new ConcurrentHashMap<>();
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
    Gateway session = session();

    echo(session);
    clock.advance(Duration.ofSeconds(3600 - 121));
    echo(session);

    RecordedRequest request = cognito.takeRequest();
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
        .encodeToString((CLIENT_ID + ":" + "cl1ent-s3cret%2Fwith%2Bchars").getBytes()));
    assertThat(request.getBody().utf8()).isEqualTo("grant_type=client_credentials&scope=incident-api%2Finvoke");
    assertThat(cognito.getRequestCount()).isEqualTo(1);
    assertThat(gateway.calls()).extracting(LoopbackGateway.Call::authorization).containsOnly(bearer("tok-1"));
  }

  @Test
  void aTokenNearItsExpiryIsRefreshedBeforeTheNextCallSoTheGatewayNeverSeesItExpire() throws Exception {
    cognito.enqueue(token("tok-1", 3600));
    Gateway session = session();
    echo(session);

    clock.advance(Duration.ofSeconds(3600 - 119));
    cognito.enqueue(token("tok-2", 3600));
    echo(session);

    assertThat(cognito.getRequestCount()).isEqualTo(2);
    assertThat(gateway.rejected()).isEmpty();
    assertThat(gateway.calls()).extracting(LoopbackGateway.Call::authorization)
        .containsExactly(bearer("tok-1"), bearer("tok-2"));
  }

  @Test
  void aShortLivedTokenIsRefreshedAtHalfItsLifeNotOnEveryCall() throws Exception {
    cognito.enqueue(token("tok-1", 200));
    Gateway session = session();

    echo(session);
    clock.advance(Duration.ofSeconds(99));
    echo(session);
    clock.advance(Duration.ofSeconds(2));
    cognito.enqueue(token("tok-2", 200));
    echo(session);

    assertThat(gateway.calls()).extracting(LoopbackGateway.Call::authorization)
        .containsExactly(bearer("tok-1"), bearer("tok-1"), bearer("tok-2"));
  }

  @Test
  void aRefreshThatFailsWhileTheCachedTokenIsStillValidKeepsUsingIt() throws Exception {
    cognito.enqueue(token("tok-1", 3600));
    cognito.enqueue(new MockResponse.Builder().code(503).body("{\"error\":\"unavailable\"}").build());
    Gateway session = session();
    echo(session);

    clock.advance(Duration.ofSeconds(3600 - 60));
    echo(session);

    assertThat(cognito.getRequestCount()).isEqualTo(2);
    assertThat(gateway.calls()).extracting(LoopbackGateway.Call::authorization).containsOnly(bearer("tok-1"));
  }

  @Test
  void a401FromTheGatewayFetchesOneFreshTokenAndRetriesTheCallOnce() throws Exception {
    cognito.enqueue(revokedToken("revoked"));
    cognito.enqueue(token("fresh", 3600));

    ToolOutcome out = session().call(ECHO, Json.object().put("text", "안녕"), Duration.ofSeconds(5));

    assertThat(out.text()).isEqualTo("echo: 안녕");
    assertThat(gateway.rejected()).containsExactly(bearer("revoked"));
    assertThat(gateway.calls()).extracting(LoopbackGateway.Call::authorization).containsExactly(bearer("fresh"));
    assertThat(cognito.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aSecond401IsAClearErrorAfterExactlyOneRefresh() {
    cognito.enqueue(token("tok-1", 3600));
    cognito.enqueue(token("tok-2", 3600));
    cognito.enqueue(token("tok-3", 3600));
    gateway.allowClients("another-app-client");

    assertThatThrownBy(() -> session().call(ECHO, Json.object().put("text", "x"), Duration.ofSeconds(5)))
        .isInstanceOf(GatewayException.class)
        .hasMessageContaining("freshly issued token too (HTTP 401)")
        .hasMessageContaining("COGNITO_ALLOWED_CLIENT_IDS");
    assertThat(gateway.rejected()).containsExactly(bearer("tok-1"), bearer("tok-2"));
    assertThat(cognito.getRequestCount()).isEqualTo(2);
  }

  @Test
  void parallelCallsRejectedWithTheSameTokenRefreshItOnce() throws Exception {
    AtomicInteger count = new AtomicInteger();
    cognito.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        int n = count.incrementAndGet();
        // The first token is revoked 5 minutes in, although Cognito announced an hour.
        return n == 1 ? token("tok-1", 3600, Duration.ofMinutes(5)) : token("tok-" + n, 3600);
      }
    });
    Gateway session = session();
    echo(session);
    clock.advance(Duration.ofMinutes(7));

    List<ToolOutcome> outcomes = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<ToolOutcome>> futures = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        futures.add(pool.submit(() -> {
          go.await();
          return session.call(ECHO, Json.object().put("text", "p"), Duration.ofSeconds(5));
        }));
      }
      go.countDown();
      for (Future<ToolOutcome> f : futures) {
        outcomes.add(f.get());
      }
    }

    assertThat(outcomes).allSatisfy(o -> assertThat(o.error()).isFalse());
    assertThat(gateway.rejected()).isNotEmpty().containsOnly(bearer("tok-1"));
    assertThat(count).hasValue(2);
  }

  @Test
  void neitherTheSecretNorAnyTokenIsLoggedOrPutInAnError() throws Exception {
    cognito.enqueue(revokedToken("tok-logged-1"));
    cognito.enqueue(token("tok-logged-2", 3600));
    cognito.enqueue(new MockResponse.Builder().code(400).body("{\"error\":\"invalid_client\",\"error_description\":\""
        + SECRET + "\"}").build());
    Throwable error;
    String logged;
    try (LogCapture logs = new LogCapture()) {
      Gateway session = session();
      echo(session);
      tokens.invalidate(issued.get("tok-logged-2"));
      error = catchThrowable(() -> echo(session));
      logged = logs.text();
    }

    assertThat(error).isInstanceOf(GatewayException.class).hasMessageContaining("HTTP 400 (invalid_client)");
    assertThat(error.getMessage()).doesNotContain(SECRET, issued.get("tok-logged-1"), issued.get("tok-logged-2"));
    assertThat(logged).contains("Fetched a Cognito access token", "HTTP 401")
        .doesNotContain(SECRET, "cl1ent-s3cret", issued.get("tok-logged-1"), issued.get("tok-logged-2"));
  }

  private Gateway session() {
    return McpClientGateway.connector(gateway.uri(), tokens).open("s-1");
  }

  private static void echo(Gateway session) throws GatewayException {
    assertThat(session.call(ECHO, Json.object().put("text", "x"), Duration.ofSeconds(5)).text()).isEqualTo("echo: x");
  }

  private String bearer(String label) {
    return "Bearer " + issued.get(label);
  }

  /** Cognito's answer with a real access token, valid from now (the test's clock) for {@code expiresIn} seconds. */
  private MockResponse token(String label, long expiresIn) {
    return token(label, expiresIn, Duration.ofSeconds(expiresIn));
  }

  /** A token Cognito announces for {@code expiresIn} seconds that the gateway accepts only for {@code validFor}. */
  private MockResponse token(String label, long expiresIn, Duration validFor) {
    return answer(label, expiresIn, clock.instant(), clock.instant().plus(validFor));
  }

  /** Announced for an hour, but already expired for the gateway: revoked, or issued with a skewed clock. */
  private MockResponse revokedToken(String label) {
    return answer(label, 3600, clock.instant().minus(Duration.ofHours(1)), clock.instant().minus(Duration.ofMinutes(5)));
  }

  private MockResponse answer(String label, long expiresIn, Instant issuedAt, Instant expiresAt) {
    String jwt = POOL.sign(POOL.claims().jwtID(label).issueTime(Date.from(issuedAt))
        .claim("auth_time", issuedAt.getEpochSecond()).expirationTime(Date.from(expiresAt)).build());
    issued.put(label, jwt);
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body("{\"access_token\":\"" + jwt + "\",\"expires_in\":" + expiresIn + ",\"token_type\":\"Bearer\"}")
        .build();
  }
}
