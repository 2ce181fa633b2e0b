package com.incident.common.lambda;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An AWS SDK HTTP client that never opens a socket: every request is answered at once with one canned status and
 * JSON body. For {@link Priming}: a throwaway SDK client built on it runs the whole call path (endpoint rules,
 * marshalling, signing with placeholder credentials, retries, unmarshalling) of the operations a function uses,
 * so their classes are loaded and initialised in the snapshot without reaching AWS.
 */
public final class OfflineHttpClient implements SdkHttpClient {
  private final int status;
  private final byte[] body;
  private final AtomicInteger requests = new AtomicInteger();

  private OfflineHttpClient(int status, byte[] body) {
    this.status = status;
    this.body = body;
  }

  /**
   * Answers every request with {@code status} and {@code json} (for AWS JSON protocols, 200 and {@code {}} is an
   * empty result; an asynchronous Lambda Invoke is accepted with 202).
   */
  public static OfflineHttpClient answering(int status, String json) {
    return new OfflineHttpClient(status, json.getBytes(StandardCharsets.UTF_8));
  }

  /** How many requests it has answered. */
  public int requests() {
    return requests.get();
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() {
        requests.incrementAndGet();
        SdkHttpResponse response = SdkHttpResponse.builder().statusCode(status)
            .putHeader("Content-Type", "application/json")
            .putHeader("Content-Length", Integer.toString(body.length))
            .build();
        return HttpExecuteResponse.builder().response(response)
            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body))).build();
      }

      @Override
      public void abort() {
        // Answered synchronously; nothing is in flight.
      }
    };
  }

  @Override
  public String clientName() {
    return "Offline";
  }

  @Override
  public void close() {
    // Holds no connection.
  }
}
