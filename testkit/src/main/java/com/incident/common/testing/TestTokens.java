package com.incident.common.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake Cognito user pool for tests: RSA keys generated in the test, the JWKS served over real HTTP on
 * 127.0.0.1, and Cognito-shaped access tokens minted with any claims. Start one per test class
 * ({@code try (TestTokens t = TestTokens.start())} or {@code @AutoClose}).
 *
 * <p>The JWKS endpoint is the JDK's own HTTP server so common needs no extra test dependency.
 */
public final class TestTokens implements AutoCloseable {
  public static final String ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_TestPool";
  public static final String CLIENT_ID = "incident-trigger-client";
  public static final String SCOPE = "incident-api/invoke";

  private final HttpServer server;
  private final List<RSAKey> published = new CopyOnWriteArrayList<>();
  private final AtomicInteger fetches = new AtomicInteger();
  private volatile RSAKey signingKey;

  private TestTokens(HttpServer server, RSAKey key) {
    this.server = server;
    this.signingKey = key;
    published.add(key);
  }

  /** Generates a signing key ({@code kid} "test-key-1"), publishes it and starts the JWKS endpoint. */
  public static TestTokens start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      TestTokens tokens = new TestTokens(server, newKey("test-key-1"));
      server.createContext("/.well-known/jwks.json", exchange -> {
        tokens.fetches.incrementAndGet();
        byte[] body = new JWKSet(List.copyOf(tokens.published)).toPublicJWKSet().toString()
            .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      });
      server.start();
      return tokens;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fresh 2048-bit RSA signing key; it is not published until {@link #publish} or {@link #rotate}. */
  public static RSAKey newKey(String kid) {
    try {
      return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  public String jwksUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json";
  }

  /** The environment variables {@code CognitoJwtVerifier.Settings.from} reads, pointing at this pool. */
  public Map<String, String> env() {
    return Map.of(
        "COGNITO_ISSUER", ISSUER,
        "COGNITO_JWKS_URL", jwksUrl(),
        "COGNITO_ALLOWED_CLIENT_IDS", CLIENT_ID,
        "COGNITO_REQUIRED_SCOPE", SCOPE);
  }

  /** A valid client_credentials access token, as Cognito issues it, expiring in an hour. */
  public String accessToken() {
    return sign(claims().build());
  }

  /** {@code "Bearer " + accessToken()}: the Authorization header value. */
  public String bearer() {
    return "Bearer " + accessToken();
  }

  /** Cognito's client_credentials access-token claims; change any of them before {@link #sign}. */
  public JWTClaimsSet.Builder claims() {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .subject(CLIENT_ID)
        .issuer(ISSUER)
        .claim("client_id", CLIENT_ID)
        .claim("token_use", "access")
        .claim("scope", SCOPE)
        .claim("version", 2)
        .claim("auth_time", now.getEpochSecond())
        .jwtID(UUID.randomUUID().toString())
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(Duration.ofHours(1))));
  }

  /** Signs with the pool's current key. */
  public String sign(JWTClaimsSet claims) {
    return sign(signingKey, claims);
  }

  /** Signs RS256 with any key (published or not), using its kid. */
  public static String sign(RSAKey key, JWTClaimsSet claims) {
    try {
      SignedJWT jwt = new SignedJWT(
          new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  public RSAKey signingKey() {
    return signingKey;
  }

  /** Adds keys to the served JWKS (the signing key is unchanged). */
  public void publish(RSAKey... keys) {
    published.addAll(List.of(keys));
  }

  /** Key rotation: a new key is published and used for every token signed from now on. */
  public RSAKey rotate(String kid) {
    RSAKey key = newKey(kid);
    published.add(key);
    signingKey = key;
    return key;
  }

  /** How many times the JWKS endpoint was fetched. */
  public int jwksFetches() {
    return fetches.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
