package com.incident.common.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.incident.common.config.Env;
import com.incident.common.testing.TestTokens;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CognitoJwtVerifierTest {
  private TestTokens pool;
  private CognitoJwtVerifier verifier;

  @BeforeEach
  void startPool() {
    pool = TestTokens.start();
    verifier = new CognitoJwtVerifier(CognitoJwtVerifier.Settings.from(Env.of(pool.env())));
  }

  @AfterEach
  void stopPool() {
    pool.close();
  }

  @Test
  void acceptsCognitoClientCredentialsToken() throws Exception {
    VerifiedToken token = verifier.verify(pool.bearer());

    assertThat(token.clientId()).isEqualTo(TestTokens.CLIENT_ID);
    assertThat(token.subject()).isEqualTo(TestTokens.CLIENT_ID);
    assertThat(token.scopes()).containsExactly(TestTokens.SCOPE);
    assertThat(token.expiresAt()).isAfter(Instant.now());
  }

  @Test
  void acceptsLowerCaseBearerAndExtraScopes() throws Exception {
    String token = pool.sign(pool.claims().claim("scope", "other/read " + TestTokens.SCOPE).build());

    assertThat(verifier.verify("bearer " + token).scopes()).containsExactlyInAnyOrder("other/read", TestTokens.SCOPE);
  }

  @Test
  void cachesTheKeySetAcrossRequests() throws Exception {
    for (int i = 0; i < 5; i++) {
      verifier.verify(pool.bearer());
    }

    assertThat(pool.jwksFetches()).isEqualTo(1);
  }

  @Test
  void rejectsMissingOrNonBearerHeader() {
    assertRejected(null, "missing Authorization header");
    assertRejected("  ", "missing Authorization header");
    assertRejected("Basic dXNlcjpwYXNz", "not a Bearer token");
    assertRejected("Bearer not-a-jwt", "not a well-formed JWT");
  }

  @Test
  void rejectsUnsignedAlgNoneToken() {
    String token = new PlainJWT(pool.claims().build()).serialize();

    assertRejected("Bearer " + token, "alg none");
  }

  @Test
  void rejectsHs256SignedWithThePublicKey() throws Exception {
    // The classic confusion attack: the attacker knows the public key and uses it as the HMAC secret.
    byte[] publicKey = pool.signingKey().toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
    SignedJWT jwt = new SignedJWT(
        new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(pool.signingKey().getKeyID()).build(), pool.claims().build());
    jwt.sign(new MACSigner(publicKey));

    assertRejected("Bearer " + jwt.serialize(), "algorithm HS256 is not allowed");
  }

  @Test
  void rejectsTokenWithoutKid() throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), pool.claims().build());
    jwt.sign(new com.nimbusds.jose.crypto.RSASSASigner(pool.signingKey()));

    assertRejected("Bearer " + jwt.serialize(), "no kid");
  }

  @Test
  void rejectsUnknownKid() {
    String token = TestTokens.sign(TestTokens.newKey("forged-kid"), pool.claims().build());

    assertRejected("Bearer " + token, "unknown signing key id forged-kid");
  }

  @Test
  void rejectsSignatureByAnotherKeyUnderAKnownKid() {
    RSAKey impostor = TestTokens.newKey(pool.signingKey().getKeyID());

    assertRejected("Bearer " + TestTokens.sign(impostor, pool.claims().build()), "invalid signature");
  }

  @Test
  void refetchesKeysWhenTheUserPoolRotates() throws Exception {
    verifier.verify(pool.bearer());
    pool.rotate("test-key-2");

    assertThat(verifier.verify(pool.bearer()).clientId()).isEqualTo(TestTokens.CLIENT_ID);
    assertThat(pool.jwksFetches()).isEqualTo(2);
  }

  @Test
  void rateLimitsRefetchesForAFloodOfUnknownKids() {
    RSAKey forged = TestTokens.newKey("forged");
    for (int i = 0; i < 10; i++) {
      String token = TestTokens.sign(new RSAKey.Builder(forged).keyID("forged-" + i).build(), pool.claims().build());
      assertThatThrownBy(() -> verifier.verify("Bearer " + token)).isInstanceOf(UnauthorizedException.class)
          .hasMessageContaining("unknown signing key id");
    }

    assertThat(pool.jwksFetches()).isLessThanOrEqualTo(2);
  }

  @Test
  void rejectsExpiredTokenBeyondClockSkew() {
    Instant now = Instant.now();
    String token = pool.sign(pool.claims()
        .issueTime(Date.from(now.minus(Duration.ofHours(2))))
        .expirationTime(Date.from(now.minus(Duration.ofMinutes(5)))).build());

    assertRejected("Bearer " + token, "token expired at");
  }

  @Test
  void toleratesExpiryWithinClockSkew() throws Exception {
    String token = pool.sign(pool.claims().expirationTime(Date.from(Instant.now().minusSeconds(20))).build());

    assertThat(verifier.verify("Bearer " + token).clientId()).isEqualTo(TestTokens.CLIENT_ID);
  }

  @Test
  void rejectsTokenWithoutExpiry() {
    assertRejected("Bearer " + pool.sign(pool.claims().expirationTime(null).build()), "no exp");
  }

  @Test
  void rejectsTokenNotYetValid() {
    String token = pool.sign(pool.claims().notBeforeTime(Date.from(Instant.now().plus(Duration.ofMinutes(10)))).build());

    assertRejected("Bearer " + token, "not valid before");
  }

  @Test
  void rejectsWrongIssuer() {
    String token = pool.sign(pool.claims().issuer("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other").build());

    assertRejected("Bearer " + token, "wrong issuer");
  }

  @Test
  void rejectsIdToken() {
    assertRejected("Bearer " + pool.sign(pool.claims().claim("token_use", "id").build()), "token_use is id");
  }

  @Test
  void rejectsClientThatIsNotAllowed() {
    assertRejected("Bearer " + pool.sign(pool.claims().claim("client_id", "someone-else").build()),
        "client_id someone-else is not allowed");
  }

  @Test
  void rejectsTokenWithoutRequiredScope() {
    assertRejected("Bearer " + pool.sign(pool.claims().claim("scope", "incident-api/read").build()),
        "missing required scope incident-api/invoke");
  }

  @Test
  void failsClosedWhenTheKeySetCannotBeFetched() {
    CognitoJwtVerifier offline = new CognitoJwtVerifier(
        CognitoJwtVerifier.Settings.of(TestTokens.ISSUER, "http://127.0.0.1:1/jwks.json", Set.of(TestTokens.CLIENT_ID),
            TestTokens.SCOPE));

    assertThatThrownBy(() -> offline.verify(pool.bearer())).isInstanceOf(UnauthorizedException.class)
        .hasMessageContaining("signing keys unavailable");
  }

  @Test
  void readsSettingsFromEnvironment() {
    CognitoJwtVerifier.Settings settings = CognitoJwtVerifier.Settings.from(Env.of(Map.of(
        "COGNITO_ISSUER", "https://cognito-idp.ap-northeast-2.amazonaws.com/ap-northeast-2_abc/",
        "COGNITO_ALLOWED_CLIENT_IDS", "a, b",
        "COGNITO_REQUIRED_SCOPE", "incident-api/invoke",
        "JWT_CLOCK_SKEW_SECONDS", "30")));

    assertThat(settings.issuer()).isEqualTo("https://cognito-idp.ap-northeast-2.amazonaws.com/ap-northeast-2_abc");
    assertThat(settings.jwksUrl())
        .isEqualTo("https://cognito-idp.ap-northeast-2.amazonaws.com/ap-northeast-2_abc/.well-known/jwks.json");
    assertThat(settings.allowedClientIds()).containsExactlyInAnyOrder("a", "b");
    assertThat(settings.clockSkew()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void refusesToStartWithoutAllowedClients() {
    assertThatThrownBy(() -> CognitoJwtVerifier.Settings.from(Env.of(Map.of(
        "COGNITO_ISSUER", TestTokens.ISSUER, "COGNITO_REQUIRED_SCOPE", TestTokens.SCOPE))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("client id");
  }

  private void assertRejected(String header, String reason) {
    assertThatThrownBy(() -> verifier.verify(header))
        .isInstanceOf(UnauthorizedException.class)
        .hasMessageContaining(reason)
        .satisfies(e -> {
          if (header != null && header.length() > 20) {
            assertThat(e.getMessage()).doesNotContain(header.substring(header.length() - 20));
          }
        });
  }
}
