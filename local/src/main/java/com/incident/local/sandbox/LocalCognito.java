package com.incident.local.sandbox;

import com.incident.common.json.Json;
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
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Cognito user pool as machine clients see it: the {@code /oauth2/token} client_credentials endpoint (client
 * authenticated with HTTP Basic or form fields, as Cognito accepts) and the pool's JWKS, issuing RS256 access
 * tokens with Cognito's claims. alarm-trigger and agent-runtime fetch their own tokens here; agent-runtime and
 * mcp-gateway verify them against the JWKS with the production verifier.
 */
public final class LocalCognito implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalCognito.class);
  public static final String POOL = "local-pool";
  public static final String CLIENT_ID = "incident-local-client";
  public static final String SCOPE = "incident-api/invoke";
  static final Duration TOKEN_TTL = Duration.ofHours(1);

  private final HttpServer server;
  private final RSAKey key;
  private final String clientSecret;
  private final AtomicInteger issued = new AtomicInteger();

  private LocalCognito(HttpServer server, RSAKey key, String clientSecret) {
    this.server = server;
    this.key = key;
    this.clientSecret = clientSecret;
  }

  public static LocalCognito start(int port) {
    try {
      RSAKey key = new RSAKeyGenerator(2048).keyID("local-" + UUID.randomUUID().toString().substring(0, 8))
          .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
      LocalCognito cognito = new LocalCognito(LocalHttp.start(port), key, UUID.randomUUID().toString().replace("-", ""));
      cognito.server.createContext("/oauth2/token", cognito::token);
      cognito.server.createContext("/" + POOL + "/.well-known/jwks.json", cognito::jwks);
      cognito.server.start();
      return cognito;
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot generate the pool's signing key", e);
    }
  }

  public String issuer() {
    return LocalHttp.url(server) + "/" + POOL;
  }

  public String tokenUrl() {
    return LocalHttp.url(server) + "/oauth2/token";
  }

  public String jwksUrl() {
    return issuer() + "/.well-known/jwks.json";
  }

  public String clientSecret() {
    return clientSecret;
  }

  public int tokensIssued() {
    return issued.get();
  }

  /** A token as the endpoint would issue it, for `serve` to print. */
  public String accessToken() {
    return sign(Instant.now());
  }

  private void token(HttpExchange exchange) throws IOException {
    if (!"POST".equals(exchange.getRequestMethod())) {
      error(exchange, 405, "invalid_request", "use POST");
      return;
    }
    Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    String id = form.get("client_id");
    String secret = form.get("client_secret");
    String basic = exchange.getRequestHeaders().getFirst("Authorization");
    if (basic != null && basic.regionMatches(true, 0, "Basic ", 0, 6)) {
      String[] pair = new String(Base64.getDecoder().decode(basic.substring(6).trim()), StandardCharsets.UTF_8).split(":", 2);
      id = URLDecoder.decode(pair[0], StandardCharsets.UTF_8);
      secret = pair.length > 1 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : null;
    }
    if (!"client_credentials".equals(form.get("grant_type"))) {
      error(exchange, 400, "unsupported_grant_type", "only client_credentials is supported");
    } else if (!CLIENT_ID.equals(id) || secret == null || !MessageDigest.isEqual(
        secret.getBytes(StandardCharsets.UTF_8), clientSecret.getBytes(StandardCharsets.UTF_8))) {
      LOG.warn("Token request rejected: unknown client or wrong secret (client_id={})", id);
      error(exchange, 400, "invalid_client", "client authentication failed");
    } else if (form.containsKey("scope") && !Arrays.asList(form.get("scope").split(" ")).stream().allMatch(SCOPE::equals)) {
      error(exchange, 400, "invalid_scope", "this client may only request " + SCOPE);
    } else {
      issued.incrementAndGet();
      LocalHttp.send(exchange, 200, "application/json", Json.write(Map.of("access_token", sign(Instant.now()),
          "expires_in", TOKEN_TTL.toSeconds(), "token_type", "Bearer")));
    }
  }

  private void jwks(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    LocalHttp.send(exchange, 200, "application/json", new JWKSet(List.of(key)).toPublicJWKSet().toString());
  }

  private String sign(Instant now) {
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .subject(CLIENT_ID)
        .issuer(issuer())
        .claim("client_id", CLIENT_ID)
        .claim("token_use", "access")
        .claim("scope", SCOPE)
        .claim("version", 2)
        .claim("auth_time", now.getEpochSecond())
        .jwtID(UUID.randomUUID().toString())
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(TOKEN_TTL)))
        .build();
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
          .type(JOSEObjectType.JWT).build(), claims);
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a token", e);
    }
  }

  private static void error(HttpExchange exchange, int status, String code, String description) throws IOException {
    LocalHttp.send(exchange, status, "application/json", Json.write(Map.of("error", code, "error_description", description)));
  }

  private static Map<String, String> form(String body) {
    Map<String, String> out = new HashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      String[] kv = pair.split("=", 2);
      out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
    }
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
