package com.incident.common.auth;

import com.nimbusds.jose.JOSEException;
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
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Set;

/**
 * SnapStart priming of token verification: a token signed by a throwaway key, verified by the production
 * {@link CognitoJwtVerifier} against a JWKS served on 127.0.0.1 for the moment priming takes. The first request after
 * a restore then finds nimbus' JWT parsing, JWKS retrieval and RS256 check loaded and run once (about 40 ms and 200
 * classes of the agent's and the gateway's first request, measured by {@code incident-local bench}). Reaches nothing
 * outside the machine, and the key exists only in this call: the verifier that serves requests is another instance,
 * with the pool's own JWKS URL.
 */
public final class VerifierPriming {
  private static final String CLIENT = "snapstart-priming";
  private static final String SCOPE = "snapstart-priming/verify";

  private VerifierPriming() {}

  /** Verifies one priming token; returns its client id. */
  public static String verifyOnce() throws IOException, JOSEException, UnauthorizedException {
    RSAKey key = new RSAKeyGenerator(2048).keyID(CLIENT).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
    byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, jwks.length);
      try (OutputStream body = exchange.getResponseBody()) {
        body.write(jwks);
      }
    });
    server.start();
    try {
      String issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/priming";
      Instant now = Instant.now();
      SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(CLIENT).build(),
          new JWTClaimsSet.Builder().issuer(issuer).subject(CLIENT).claim("client_id", CLIENT)
              .claim("token_use", "access").claim("scope", SCOPE).issueTime(Date.from(now))
              .expirationTime(Date.from(now.plusSeconds(300))).build());
      token.sign(new RSASSASigner(key));
      CognitoJwtVerifier verifier = new CognitoJwtVerifier(
          CognitoJwtVerifier.Settings.of(issuer, issuer + "/.well-known/jwks.json", Set.of(CLIENT), SCOPE));
      return verifier.verify("Bearer " + token.serialize()).clientId();
    } finally {
      server.stop(0);
    }
  }
}
