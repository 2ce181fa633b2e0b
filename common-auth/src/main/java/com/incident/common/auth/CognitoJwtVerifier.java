package com.incident.common.auth;

import com.incident.common.config.Env;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Verifies Cognito access tokens (client_credentials or user) against the user pool's JWKS.
 *
 * <p>Key handling is nimbus' {@link JWKSourceBuilder}: the JWKS is cached, an unknown {@code kid} forces one
 * refetch (so key rotation works without a redeploy), and refetches are rate-limited so a flood of forged
 * {@code kid}s cannot hammer Cognito. Claim checks are explicit rather than nimbus' generic claims verifier
 * so each rejection carries its own reason for the logs. Reasons never contain the token.
 */
public final class CognitoJwtVerifier implements TokenVerifier {
  private static final String BEARER = "bearer ";

  private final Settings settings;
  private final JWKSource<SecurityContext> keys;
  private final Clock clock;

  /**
   * @param issuer the user pool issuer, {@code https://cognito-idp.<region>.amazonaws.com/<poolId>}
   * @param jwksUrl where the pool publishes its keys (the issuer + {@code /.well-known/jwks.json} on AWS)
   * @param allowedClientIds app clients whose tokens are accepted; never empty
   * @param requiredScope the scope every caller must hold, e.g. {@code incident-api/invoke}
   * @param clockSkew tolerance on {@code exp}/{@code nbf}
   * @param jwksCacheTtl how long a fetched key set is trusted before it is fetched again
   * @param jwksRefetchMinInterval the rate limit window for refetches (at most two per window)
   */
  public record Settings(String issuer, String jwksUrl, Set<String> allowedClientIds, String requiredScope,
      Duration clockSkew, Duration jwksCacheTtl, Duration jwksRefetchMinInterval) {

    public Settings {
      if (issuer == null || issuer.isBlank()) {
        throw new IllegalArgumentException("issuer is required");
      }
      if (allowedClientIds == null || allowedClientIds.isEmpty()) {
        throw new IllegalArgumentException("at least one allowed client id is required");
      }
      if (requiredScope == null || requiredScope.isBlank()) {
        throw new IllegalArgumentException("requiredScope is required");
      }
      issuer = stripTrailingSlash(issuer.trim());
      jwksUrl = jwksUrl == null || jwksUrl.isBlank() ? issuer + "/.well-known/jwks.json" : jwksUrl.trim();
      allowedClientIds = Set.copyOf(allowedClientIds);
    }

    /** Defaults: 60 s skew, JWKS cached 1 h, at most two refetches per 30 s. */
    public static Settings of(String issuer, String jwksUrl, Set<String> allowedClientIds, String requiredScope) {
      return new Settings(issuer, jwksUrl, allowedClientIds, requiredScope,
          Duration.ofSeconds(60), Duration.ofHours(1), Duration.ofSeconds(30));
    }

    /** The same variables in every function that verifies tokens (agent-runtime, mcp-gateway). */
    public static Settings from(Env env) {
      return new Settings(
          env.required("COGNITO_ISSUER"),
          env.optional("COGNITO_JWKS_URL", null),
          new LinkedHashSet<>(env.list("COGNITO_ALLOWED_CLIENT_IDS", List.of())),
          env.required("COGNITO_REQUIRED_SCOPE"),
          Duration.ofSeconds(env.intValue("JWT_CLOCK_SKEW_SECONDS", 60)),
          Duration.ofSeconds(env.intValue("JWKS_CACHE_TTL_SECONDS", 3600)),
          Duration.ofSeconds(env.intValue("JWKS_REFETCH_MIN_INTERVAL_SECONDS", 30)));
    }

    private static String stripTrailingSlash(String s) {
      return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
  }

  public CognitoJwtVerifier(Settings settings) {
    this(settings, Clock.systemUTC());
  }

  public CognitoJwtVerifier(Settings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.keys = JWKSourceBuilder.<SecurityContext>create(url(settings.jwksUrl()),
            new DefaultResourceRetriever(2_000, 2_000, 64 * 1024))
        .cache(settings.jwksCacheTtl().toMillis(), 5_000)
        .rateLimited(settings.jwksRefetchMinInterval().toMillis())
        // A Lambda must not leave background threads behind between invocations.
        .refreshAheadCache(false)
        .retrying(false)
        .outageTolerant(false)
        .build();
  }

  @Override
  public VerifiedToken verify(String authorizationHeader) throws UnauthorizedException {
    SignedJWT jwt = signedJwt(bearerToken(authorizationHeader));
    JWSHeader header = jwt.getHeader();
    if (!JWSAlgorithm.RS256.equals(header.getAlgorithm())) {
      throw new UnauthorizedException("token algorithm " + shown(header.getAlgorithm()) + " is not allowed; only RS256");
    }
    String kid = header.getKeyID();
    if (kid == null || kid.isBlank()) {
      throw new UnauthorizedException("token header has no kid");
    }
    verifySignature(jwt, key(kid), kid);
    return checkClaims(claims(jwt));
  }

  private static String bearerToken(String header) throws UnauthorizedException {
    if (header == null || header.isBlank()) {
      throw new UnauthorizedException("missing Authorization header");
    }
    String h = header.trim();
    if (h.length() <= BEARER.length() || !h.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw new UnauthorizedException("Authorization header is not a Bearer token");
    }
    return h.substring(BEARER.length()).trim();
  }

  private static SignedJWT signedJwt(String token) throws UnauthorizedException {
    JWT jwt;
    try {
      jwt = JWTParser.parse(token);
    } catch (ParseException e) {
      throw new UnauthorizedException("token is not a well-formed JWT");
    }
    return switch (jwt) {
      case SignedJWT s -> s;
      case PlainJWT p -> throw new UnauthorizedException("unsigned token (alg none) is not allowed");
      case EncryptedJWT e -> throw new UnauthorizedException("encrypted tokens are not accepted");
      default -> throw new UnauthorizedException("unsupported token type");
    };
  }

  private RSAKey key(String kid) throws UnauthorizedException {
    JWKSelector selector = new JWKSelector(new JWKMatcher.Builder()
        .keyType(KeyType.RSA)
        .keyID(kid)
        .keyUses(KeyUse.SIGNATURE, null)
        .algorithms(JWSAlgorithm.RS256, null)
        .build());
    List<JWK> found;
    try {
      found = keys.get(selector, null);
    } catch (RateLimitReachedException e) {
      throw new UnauthorizedException("unknown signing key id " + shown(kid) + " (JWKS refetch rate-limited)");
    } catch (KeySourceException e) {
      throw new UnauthorizedException("signing keys unavailable: " + e.getMessage());
    }
    if (found.isEmpty()) {
      throw new UnauthorizedException("unknown signing key id " + shown(kid));
    }
    return found.getFirst().toRSAKey();
  }

  private static void verifySignature(SignedJWT jwt, RSAKey key, String kid) throws UnauthorizedException {
    boolean valid;
    try {
      valid = jwt.verify(new RSASSAVerifier(key));
    } catch (JOSEException e) {
      throw new UnauthorizedException("signature check failed for key " + shown(kid) + ": " + shown(e.getMessage()));
    }
    if (!valid) {
      throw new UnauthorizedException("invalid signature for key " + shown(kid));
    }
  }

  private static JWTClaimsSet claims(SignedJWT jwt) throws UnauthorizedException {
    try {
      return jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw new UnauthorizedException("token claims are not a JSON object");
    }
  }

  private VerifiedToken checkClaims(JWTClaimsSet claims) throws UnauthorizedException {
    if (!settings.issuer().equals(claims.getIssuer())) {
      throw new UnauthorizedException("wrong issuer " + shown(claims.getIssuer()));
    }
    Instant now = clock.instant();
    Duration skew = settings.clockSkew();
    if (claims.getExpirationTime() == null) {
      throw new UnauthorizedException("token has no exp");
    }
    Instant exp = claims.getExpirationTime().toInstant();
    if (!now.minus(skew).isBefore(exp)) {
      throw new UnauthorizedException("token expired at " + exp);
    }
    if (claims.getNotBeforeTime() != null && claims.getNotBeforeTime().toInstant().isAfter(now.plus(skew))) {
      throw new UnauthorizedException("token not valid before " + claims.getNotBeforeTime().toInstant());
    }
    if (claims.getIssueTime() != null && claims.getIssueTime().toInstant().isAfter(now.plus(skew))) {
      throw new UnauthorizedException("token issued in the future at " + claims.getIssueTime().toInstant());
    }
    String tokenUse = stringClaim(claims, "token_use");
    if (!"access".equals(tokenUse)) {
      throw new UnauthorizedException("token_use is " + shown(tokenUse) + ", expected access");
    }
    String clientId = stringClaim(claims, "client_id");
    if (clientId == null || !settings.allowedClientIds().contains(clientId)) {
      throw new UnauthorizedException("client_id " + shown(clientId) + " is not allowed");
    }
    String scope = stringClaim(claims, "scope");
    Set<String> scopes = scope == null ? Set.of() : new LinkedHashSet<>(Arrays.asList(scope.trim().split("\\s+")));
    if (!scopes.contains(settings.requiredScope())) {
      throw new UnauthorizedException("missing required scope " + settings.requiredScope());
    }
    return new VerifiedToken(claims.getSubject(), clientId, Set.copyOf(scopes), exp);
  }

  private static String stringClaim(JWTClaimsSet claims, String name) throws UnauthorizedException {
    try {
      return claims.getStringClaim(name);
    } catch (ParseException e) {
      throw new UnauthorizedException("claim " + shown(name) + " is not a string");
    }
  }

  /** A value from the token (caller-controlled), as it may appear in a 401 answer: at most 32 characters, non-printables escaped. */
  static String shown(Object value) {
    if (value == null) {
      return null;
    }
    String s = String.valueOf(value);
    StringBuilder out = new StringBuilder();
    s.codePoints().limit(32).forEach(c -> {
      if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT || "\"\\<>`".indexOf(c) >= 0) {
        out.append(String.format("\\u%04x", c));
      } else {
        out.appendCodePoint(c);
      }
    });
    return s.codePointCount(0, s.length()) > 32 ? out + "…" : out.toString();
  }

  private static URL url(String jwksUrl) {
    try {
      return URI.create(jwksUrl).toURL();
    } catch (MalformedURLException | IllegalArgumentException e) {
      throw new IllegalArgumentException("COGNITO_JWKS_URL/issuer is not a valid URL: " + jwksUrl, e);
    }
  }
}
