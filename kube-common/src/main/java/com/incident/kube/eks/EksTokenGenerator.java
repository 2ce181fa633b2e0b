package com.incident.kube.eks;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.regions.Region;

/**
 * EKS bearer tokens, as aws-iam-authenticator expects them: {@code k8s-aws-v1.} + base64url of a presigned
 * STS GetCallerIdentity URL whose signature covers the {@code x-k8s-aws-id} header naming the cluster.
 */
public final class EksTokenGenerator {
  public static final String PREFIX = "k8s-aws-v1.";
  static final String CLUSTER_HEADER = "x-k8s-aws-id";
  /** Short on purpose: a token is made per request, so it never needs to outlive one. */
  static final Duration EXPIRY = Duration.ofSeconds(60);

  private final AwsCredentialsProvider credentials;
  private final Region region;
  private final String clusterName;
  private final Clock clock;
  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

  public EksTokenGenerator(AwsCredentialsProvider credentials, Region region, String clusterName, Clock clock) {
    this.credentials = credentials;
    this.region = region;
    this.clusterName = clusterName;
    this.clock = clock;
  }

  public String token() {
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(presignedUrl().toString().getBytes(StandardCharsets.UTF_8));
  }

  private String dnsSuffix() {
    return region.metadata() == null ? "amazonaws.com" : region.metadata().partition().dnsSuffix();
  }

  URI presignedUrl() {
    SdkHttpFullRequest request = SdkHttpFullRequest.builder()
        .method(SdkHttpMethod.GET)
        .protocol("https")
        .host("sts." + region.id() + "." + dnsSuffix())
        .encodedPath("/")
        .putRawQueryParameter("Action", "GetCallerIdentity")
        .putRawQueryParameter("Version", "2011-06-15")
        .putHeader(CLUSTER_HEADER, clusterName)
        .build();
    SignedRequest signed = signer.sign(r -> r
        .identity(credentials.resolveCredentials())
        .request(request)
        .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "sts")
        .putProperty(AwsV4HttpSigner.REGION_NAME, region.id())
        .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
        .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, EXPIRY)
        .putProperty(HttpSigner.SIGNING_CLOCK, clock));
    return signed.request().getUri();
  }
}
