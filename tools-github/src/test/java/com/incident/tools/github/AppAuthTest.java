package com.incident.tools.github;

import static com.incident.tools.github.GitHubFixture.call;
import static com.incident.tools.github.GitHubFixture.isError;
import static com.incident.tools.github.GitHubFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.secrets.StaticSecretProvider;
import com.incident.common.tool.ToolNames;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AppAuthTest {
  private final GitHubFixture fixture = new GitHubFixture();

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void gitHubAppMintsOneInstallationTokenAndReusesItUntilExpiry() throws Exception {
    KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    fixture.github.enableApp(123456, (RSAPublicKey) keys.getPublic());
    Map<String, String> env = new HashMap<>(fixture.env());
    env.remove("GITHUB_TOKEN_PARAM");
    env.put("GITHUB_APP_ID_PARAM", "/incident/github/app-id");
    env.put("GITHUB_APP_PRIVATE_KEY_PARAM", "/incident/github/app-key");
    GitHubHandler handler = fixture.handler(env, new StaticSecretProvider(Map.of(
        "/incident/github/app-id", "123456",
        "/incident/github/app-key", pkcs1Pem(keys))));

    JsonNode created = call(handler, ToolNames.GITHUB_CREATE_ISSUE, Map.of("title", "[장애] 앱 인증", "body", "본문", "labels", java.util.List.of("incident")));
    JsonNode listed = call(handler, ToolNames.GITHUB_LIST_ISSUES, Map.of());

    assertThat(isError(created)).as(text(created)).isFalse();
    assertThat(isError(listed)).as(text(listed)).isFalse();
    assertThat(fixture.github.installationTokensMinted()).isEqualTo(1);
    assertThat(fixture.github.issues()).hasSize(1);
  }

  /** GitHub hands out PKCS#1 PEM files; the JDK encodes PKCS#8, whose last part is the PKCS#1 key. */
  static String pkcs1Pem(KeyPair keys) {
    byte[] pkcs8 = keys.getPrivate().getEncoded();
    // PKCS#8 for RSA = SEQUENCE { version, algorithm, OCTET STRING { PKCS#1 } }; the OCTET STRING header ends 26 bytes in.
    byte[] pkcs1 = Arrays.copyOfRange(pkcs8, 26, pkcs8.length);
    return "-----BEGIN RSA PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pkcs1) + "\n-----END RSA PRIVATE KEY-----\n";
  }
}
