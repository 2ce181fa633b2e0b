package com.incident.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bounded transport both platforms share: one retry, Retry-After within the deadline, final 4xx. */
class ChatHttpTest {
  private final ChatFixture f = new ChatFixture();
  private final ChatHttp.Limits limits = new ChatHttp.Limits(Duration.ofMillis(300), Duration.ofSeconds(8));

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void anAttemptThatGetsNoAnswerInTimeIsRetriedExactlyOnce() throws Exception {
    f.server.enqueue(new MockResponse.Builder().code(200).headersDelay(3, TimeUnit.SECONDS).body("{}").build());
    f.server.enqueue(new MockResponse.Builder().code(200).body("{\"ok\":true}").build());

    ChatHttp.Response r = f.http(limits).post("test", uri(), Map.of(), "{}");

    assertThat(r.body()).isEqualTo("{\"ok\":true}");
    assertThat(f.server.getRequestCount()).isEqualTo(2);
    assertThat(f.waits).hasSize(1);
  }

  @Test
  void twoTimeoutsGiveUpAfterTheOneRetry() {
    f.server.enqueue(new MockResponse.Builder().code(200).headersDelay(3, TimeUnit.SECONDS).body("{}").build());
    f.server.enqueue(new MockResponse.Builder().code(200).headersDelay(3, TimeUnit.SECONDS).body("{}").build());
    f.server.enqueue(new MockResponse.Builder().code(200).body("{}").build());

    assertThatThrownBy(() -> f.http(limits).post("test", uri(), Map.of(), "{}")).isInstanceOf(ChatException.class)
        .hasMessageContaining("after 2 attempt(s)").hasMessageContaining("no answer within 300 ms");
    assertThat(f.server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void a429IsRetriedAfterTheRetryAfterItAsksForWhenTheDeadlineAllows() throws Exception {
    f.server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "2.5")
        .body("{\"message\":\"You are being rate limited.\",\"retry_after\":2.5,\"global\":false}").build());
    f.server.enqueue(new MockResponse.Builder().code(200).body("{\"id\":\"1\"}").build());

    ChatHttp.Response r = f.http(limits).post("test", uri(), Map.of(), "{}");

    assertThat(r.status()).isEqualTo(200);
    assertThat(f.waits).containsExactly(Duration.ofMillis(2500));
  }

  @Test
  void a429WhoseRetryAfterEndsPastTheDeadlineIsGivenUpAtOnce() {
    f.server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "30").body("{}").build());
    f.server.enqueue(new MockResponse.Builder().code(200).body("{}").build());

    assertThatThrownBy(() -> f.http(limits).post("test", uri(), Map.of(), "{}")).isInstanceOf(ChatException.class)
        .hasMessageContaining("no time left").hasMessageContaining("HTTP 429");
    assertThat(f.server.getRequestCount()).isEqualTo(1);
    assertThat(f.waits).isEmpty();
  }

  @Test
  void aServerErrorIsRetriedOnceAndARefusalNever() throws Exception {
    f.server.enqueue(new MockResponse.Builder().code(503).body("").build());
    f.server.enqueue(new MockResponse.Builder().code(400).body("{\"error\":\"invalid_blocks\"}").build());

    assertThatThrownBy(() -> f.http(limits).post("test", uri(), Map.of(), "{}")).isInstanceOf(ChatException.class)
        .hasMessageContaining("HTTP 400");
    assertThat(f.server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aClosedPortFailsWithinTheOneRetry() {
    int port = f.server.getPort();
    f.server.close();

    assertThatThrownBy(() -> f.http(limits).post("test", URI.create("http://127.0.0.1:" + port + "/x"), Map.of(), "{}"))
        .isInstanceOf(ChatException.class).hasMessageContaining("connection failed");
    assertThat(f.waits).hasSize(1);
  }

  @Test
  void retryAfterIsReadInSecondsAsBothPlatformsSendIt() {
    assertThat(ChatHttp.retryAfter(response("1"))).contains(Duration.ofSeconds(1));
    assertThat(ChatHttp.retryAfter(response("0.25"))).contains(Duration.ofMillis(250));
    assertThat(ChatHttp.retryAfter(response("Wed, 21 Oct 2026 07:28:00 GMT"))).isEmpty();
  }

  private URI uri() {
    return f.server.url("/x").uri();
  }

  private static java.net.http.HttpResponse<String> response(String retryAfter) {
    java.net.http.HttpHeaders headers = java.net.http.HttpHeaders.of(Map.of("Retry-After", java.util.List.of(retryAfter)),
        (a, b) -> true);
    return new java.net.http.HttpResponse<>() {
      public int statusCode() { return 429; }
      public java.net.http.HttpRequest request() { return null; }
      public java.util.Optional<java.net.http.HttpResponse<String>> previousResponse() { return java.util.Optional.empty(); }
      public java.net.http.HttpHeaders headers() { return headers; }
      public String body() { return ""; }
      public java.util.Optional<javax.net.ssl.SSLSession> sslSession() { return java.util.Optional.empty(); }
      public URI uri() { return null; }
      public java.net.http.HttpClient.Version version() { return java.net.http.HttpClient.Version.HTTP_1_1; }
    };
  }
}
