package com.incident.local.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.incident.common.auth.CognitoJwtVerifier;
import com.incident.common.auth.UnauthorizedException;
import com.incident.common.auth.VerifiedToken;
import com.incident.common.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LocalCognitoTest {
  static LocalCognito cognito;
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    cognito = LocalCognito.start(0);
  }

  @AfterAll
  static void stop() {
    cognito.close();
  }

  @Test
  void issuesATokenTheProductionVerifierAccepts() throws Exception {
    HttpResponse<String> response = token(basic(LocalCognito.CLIENT_ID, cognito.clientSecret()),
        "grant_type=client_credentials&scope=" + LocalCognito.SCOPE);

    assertThat(response.statusCode()).isEqualTo(200);
    var body = Json.tree(response.body());
    assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
    assertThat(body.path("expires_in").asInt()).isEqualTo(3600);
    VerifiedToken verified = verifier().verify("Bearer " + body.path("access_token").asText());
    assertThat(verified.clientId()).isEqualTo(LocalCognito.CLIENT_ID);
    assertThat(verified.scopes()).contains(LocalCognito.SCOPE);
  }

  @Test
  void acceptsClientCredentialsInTheFormToo() throws Exception {
    HttpResponse<String> response = token(null, "grant_type=client_credentials&client_id=" + LocalCognito.CLIENT_ID
        + "&client_secret=" + cognito.clientSecret());

    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void refusesAWrongSecretAnUnknownGrantAndAForeignScope() throws Exception {
    assertThat(token(basic(LocalCognito.CLIENT_ID, "wrong"), "grant_type=client_credentials").body())
        .contains("invalid_client");
    assertThat(token(basic(LocalCognito.CLIENT_ID, cognito.clientSecret()), "grant_type=password").body())
        .contains("unsupported_grant_type");
    assertThat(token(basic(LocalCognito.CLIENT_ID, cognito.clientSecret()), "grant_type=client_credentials&scope=admin/all"))
        .satisfies(r -> assertThat(r.statusCode()).isEqualTo(400)).satisfies(r -> assertThat(r.body()).contains("invalid_scope"));
  }

  @Test
  void aTokenFromAnotherKeyIsRejected() {
    try (LocalCognito other = LocalCognito.start(0)) {
      assertThatThrownBy(() -> verifier().verify("Bearer " + other.accessToken())).isInstanceOf(UnauthorizedException.class);
    }
  }

  private static CognitoJwtVerifier verifier() {
    return new CognitoJwtVerifier(CognitoJwtVerifier.Settings.of(cognito.issuer(), cognito.jwksUrl(),
        Set.of(LocalCognito.CLIENT_ID), LocalCognito.SCOPE));
  }

  private static HttpResponse<String> token(String authorization, String form) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(cognito.tokenUrl()))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String id, String secret) {
    return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }
}
