package com.incident.tools.github.client;

import com.incident.common.secrets.SecretProvider;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.kohsuke.github.authorization.AuthorizationProvider;

/**
 * The GitHub App's own JWT (RS256, issuer = app id), used only to mint installation tokens. GitHub caps its
 * lifetime at 10 minutes; it is reused until one minute before expiry.
 */
public final class AppJwtAuthorization implements AuthorizationProvider {
  private static final Duration LIFETIME = Duration.ofMinutes(9);
  /** GitHub recommends back-dating iat to absorb clock drift. */
  private static final Duration BACKDATE = Duration.ofSeconds(60);

  private final SecretProvider secrets;
  private final String appIdParameter;
  private final String privateKeyParameter;
  private final Clock clock;
  private String jwt;
  private Instant expiresAt = Instant.MIN;

  public AppJwtAuthorization(SecretProvider secrets, String appIdParameter, String privateKeyParameter, Clock clock) {
    this.secrets = secrets;
    this.appIdParameter = appIdParameter;
    this.privateKeyParameter = privateKeyParameter;
    this.clock = clock;
  }

  @Override
  public synchronized String getEncodedAuthorization() throws IOException {
    Instant now = clock.instant();
    if (jwt == null || now.isAfter(expiresAt.minus(Duration.ofMinutes(1)))) {
      expiresAt = now.plus(LIFETIME);
      jwt = sign(now);
    }
    return "Bearer " + jwt;
  }

  private String sign(Instant now) throws IOException {
    String appId = secrets.secret(appIdParameter).strip();
    PrivateKey key = privateKey(secrets.secret(privateKeyParameter));
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(appId)
        .issueTime(Date.from(now.minus(BACKDATE)))
        .expirationTime(Date.from(expiresAt))
        .build();
    SignedJWT signed = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
    try {
      signed.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new IOException("Cannot sign the GitHub App JWT with the key in " + privateKeyParameter + ": " + e.getClass().getSimpleName());
    }
    return signed.serialize();
  }

  /**
   * GitHub hands out PKCS#1 ("BEGIN RSA PRIVATE KEY") PEM files; the JDK reads only PKCS#8, so a PKCS#1 key is
   * wrapped in the fixed PKCS#8 envelope for rsaEncryption.
   */
  static PrivateKey privateKey(String pem) throws IOException {
    boolean pkcs1 = pem.contains("BEGIN RSA PRIVATE KEY");
    String base64 = pem.replaceAll("-----(BEGIN|END)[A-Z ]+-----", "").replaceAll("\\s", "");
    try {
      byte[] der = Base64.getDecoder().decode(base64);
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs1 ? wrapPkcs1(der) : der));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new IOException("GitHub App private key is not a valid RSA PEM (PKCS#1 or PKCS#8)");
    }
  }

  private static byte[] wrapPkcs1(byte[] pkcs1) {
    byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    byte[] version = {0x02, 0x01, 0x00};
    byte[] octet = concat(new byte[] {0x04}, length(pkcs1.length), pkcs1);
    byte[] content = concat(version, algorithm, octet);
    return concat(new byte[] {0x30}, length(content.length), content);
  }

  private static byte[] length(int n) {
    if (n < 0x80) {
      return new byte[] {(byte) n};
    }
    if (n < 0x100) {
      return new byte[] {(byte) 0x81, (byte) n};
    }
    if (n < 0x10000) {
      return new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
    }
    return new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
  }

  private static byte[] concat(byte[]... parts) {
    int size = 0;
    for (byte[] p : parts) {
      size += p.length;
    }
    byte[] out = new byte[size];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
