package com.incident.webhook.core;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * GitHub's webhook signature: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body, keyed with the
 * webhook secret>}. Checked over the body bytes exactly as delivered, before anything reads them, and compared in
 * constant time so the answer's timing says nothing about how much of a forged signature was right.
 *
 * @see <a href="https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries">Validating webhook
 *     deliveries</a>
 */
public final class Signature {
  public static final String HEADER = "X-Hub-Signature-256";
  private static final String PREFIX = "sha256=";
  private static final int HEX_LENGTH = 64;

  private Signature() {}

  /** Empty when {@code header} is the signature of {@code body} under {@code secret}; else why not. */
  public static Optional<String> problem(String header, byte[] body, String secret) {
    if (header == null || header.isBlank()) {
      return Optional.of("missing " + HEADER + " header; set a secret in the repository's webhook settings");
    }
    String value = header.trim();
    if (!value.startsWith(PREFIX) || value.length() != PREFIX.length() + HEX_LENGTH) {
      return Optional.of(HEADER + " is not of the form sha256=<64 hex digits>");
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(value.substring(PREFIX.length()).toLowerCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return Optional.of(HEADER + " is not of the form sha256=<64 hex digits>");
    }
    return MessageDigest.isEqual(hmac(secret, body == null ? new byte[0] : body), given) ? Optional.empty()
        : Optional.of(HEADER + " does not match the body; check the webhook secret");
  }

  /** The header value GitHub sends for {@code body} (what the sandbox and tests sign their deliveries with). */
  public static String header(String secret, byte[] body) {
    return PREFIX + HexFormat.of().formatHex(hmac(secret, body));
  }

  private static byte[] hmac(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      // Every JDK provides HmacSHA256, and any non-empty byte key is valid for it.
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
