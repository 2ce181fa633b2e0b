package com.incident.common.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.endpoint.AwsClientEndpointProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * One SigV4-signed call to an AWS API over the SDK's own URLConnection client, credential chain, endpoint rules and
 * signer, without the service's SDK module. A generated service module carries every operation's model classes
 * (SSM: 5.4 MB, Lambda: 2.2 MB, EKS: 2.0 MB of a Lambda jar) for the one operation a function calls, and its
 * client class links them all; this class is a few KB and keeps the jar under the size that slows a cold start.
 *
 * <p>Endpoint resolution is the SDK's ({@link AwsClientEndpointProvider}): {@code aws.endpointUrl<Service>} and
 * {@code AWS_ENDPOINT_URL_<SERVICE>}, then the global override, the profile's {@code endpoint_url}, then
 * {@code https://<prefix>.<region>.<partition domain>}. Region and credentials are resolved on the first call,
 * never at construction, so a SnapStart snapshot holds neither.
 */
public final class SignedAwsClient {
  /** The names one AWS service goes by: endpoint prefix, SigV4 signing name, and its endpoint-override suffix. */
  public record Service(String endpointPrefix, String signingName, String overrideSuffix) {
    public static final Service SSM = new Service("ssm", "ssm", "Ssm");
    public static final Service LAMBDA = new Service("lambda", "lambda", "Lambda");
    public static final Service EKS = new Service("eks", "eks", "Eks");

    String systemProperty() {
      return "aws.endpointUrl" + overrideSuffix;
    }

    String environmentVariable() {
      return "AWS_ENDPOINT_URL_" + overrideSuffix.toUpperCase(java.util.Locale.ROOT);
    }
  }

  /** An answer: status, the AWS error code when it is an error, and the body as text. */
  public record Response(int status, String errorCode, String body) {
    public boolean successful() {
      return status / 100 == 2;
    }

    /** Throttling and server-side errors, which a later attempt may get past. */
    boolean retryable() {
      return status == 429 || status >= 500
          || (errorCode != null && (errorCode.contains("Throttl") || errorCode.contains("TooManyRequests")));
    }

    public JsonNode json() throws JsonProcessingException {
      return Json.tree(body);
    }
  }

  private static final int ATTEMPTS = 3;

  private final Service service;
  private final SdkHttpClient http;
  private final AwsCredentialsProvider credentials;
  private final Region fixedRegion;
  private final URI fixedEndpoint;
  private volatile Resolved resolved;

  private record Resolved(Region region, URI endpoint) {}

  private SignedAwsClient(Service service, SdkHttpClient http, AwsCredentialsProvider credentials, Region region,
      URI endpoint) {
    this.service = service;
    this.http = http;
    this.credentials = credentials;
    this.fixedRegion = region;
    this.fixedEndpoint = endpoint;
  }

  /** Production: the default region and credential chains, the SDK's endpoint rules, a URLConnection client. */
  public static SignedAwsClient create(Service service) {
    return new SignedAwsClient(service, UrlConnectionHttpClient.create(), DefaultCredentialsProvider.builder().build(),
        null, null);
  }

  /** Production in a known region (the region's endpoint unless an override is configured). */
  public static SignedAwsClient create(Service service, Region region) {
    return new SignedAwsClient(service, UrlConnectionHttpClient.create(), DefaultCredentialsProvider.builder().build(),
        region, null);
  }

  /** Everything given; {@code endpoint} null means the SDK's rules for {@code region}. */
  public static SignedAwsClient of(Service service, SdkHttpClient http, AwsCredentialsProvider credentials,
      Region region, URI endpoint) {
    return new SignedAwsClient(service, http, credentials, region, endpoint);
  }

  /**
   * An AWS JSON 1.1 operation ({@code X-Amz-Target: <targetPrefix>.<operation>}), as SSM speaks it.
   *
   * @throws UncheckedIOException when no answer came after the retries (connection refused, timeout...)
   */
  public Response json11(String targetPrefix, String operation, Object body) {
    return send(SdkHttpMethod.POST, "/", Map.of("X-Amz-Target", targetPrefix + "." + operation,
        "Content-Type", "application/x-amz-json-1.1"), Json.write(body));
  }

  /**
   * A REST call: {@code path} already URL-encoded, {@code body} null for none. Throttling, 5xx and I/O failures
   * are retried twice with a short backoff; any other answer is returned as it is.
   */
  public Response send(SdkHttpMethod method, String path, Map<String, String> headers, String body) {
    Resolved where = resolve();
    for (int attempt = 1; ; attempt++) {
      try {
        Response response = once(where, method, path, headers, body);
        if (!response.retryable() || attempt == ATTEMPTS) {
          return response;
        }
      } catch (IOException e) {
        if (attempt == ATTEMPTS) {
          throw new UncheckedIOException(service.endpointPrefix() + " call failed: " + e.getMessage(), e);
        }
      }
      backoff(attempt);
    }
  }

  private Response once(Resolved where, SdkHttpMethod method, String path, Map<String, String> headers, String body)
      throws IOException {
    byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
    String basePath = where.endpoint().getRawPath() == null ? "" : where.endpoint().getRawPath().replaceAll("/$", "");
    SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder()
        .method(method)
        .uri(where.endpoint())
        .encodedPath(basePath + path)
        .putHeader("User-Agent", "incident-suite");
    headers.forEach(request::putHeader);
    if (bytes != null) {
      request.putHeader("Content-Length", Integer.toString(bytes.length));
    }
    SignedRequest signed = AwsV4HttpSigner.create().sign(s -> s
        .identity(credentials.resolveCredentials())
        .request(request.build())
        .payload(bytes == null ? null : ContentStreamProvider.fromByteArrayUnsafe(bytes))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service.signingName())
        .putProperty(AwsV4HttpSigner.REGION_NAME, where.region().id()));
    HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
        .request(signed.request())
        .contentStreamProvider(signed.payload().orElse(null))
        .build()).call();
    String text;
    try (InputStream in = response.responseBody().map(InputStream.class::cast).orElse(InputStream.nullInputStream())) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    int status = response.httpResponse().statusCode();
    String code = status / 100 == 2 ? null
        : errorCode(response.httpResponse().firstMatchingHeader("x-amzn-ErrorType"), text);
    return new Response(status, code, text);
  }

  /** The AWS error code: the {@code x-amzn-ErrorType} header, else {@code __type}, {@code code} or {@code Code}. */
  static String errorCode(Optional<String> header, String body) {
    String raw = header.filter(h -> !h.isBlank()).orElse(null);
    if (raw == null) {
      try {
        JsonNode json = Json.tree(body);
        for (String field : new String[] {"__type", "code", "Code"}) {
          if (json.hasNonNull(field)) {
            raw = json.get(field).asText();
            break;
          }
        }
      } catch (JsonProcessingException notJson) {
        raw = null;
      }
    }
    if (raw == null || raw.isBlank()) {
      return "unknown";
    }
    String code = raw.contains(":") ? raw.substring(0, raw.indexOf(':')) : raw;
    return code.contains("#") ? code.substring(code.lastIndexOf('#') + 1) : code;
  }

  private Resolved resolve() {
    Resolved r = resolved;
    if (r == null) {
      Region region = fixedRegion != null ? fixedRegion : DefaultAwsRegionProviderChain.builder().build().getRegion();
      URI endpoint = fixedEndpoint != null ? fixedEndpoint : AwsClientEndpointProvider.builder()
          .serviceEndpointOverrideSystemProperty(service.systemProperty())
          .serviceEndpointOverrideEnvironmentVariable(service.environmentVariable())
          .serviceProfileProperty(service.endpointPrefix())
          .serviceEndpointPrefix(service.endpointPrefix())
          .defaultProtocol("https")
          .region(region)
          .build()
          .clientEndpoint();
      r = new Resolved(region, endpoint);
      resolved = r;
    }
    return r;
  }

  private static void backoff(int attempt) {
    try {
      Thread.sleep(100L << (attempt - 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while retrying an AWS call", e);
    }
  }
}
