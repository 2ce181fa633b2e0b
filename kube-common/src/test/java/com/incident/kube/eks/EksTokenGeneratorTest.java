package com.incident.kube.eks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

class EksTokenGeneratorTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T03:15:00Z"), ZoneOffset.UTC);
  static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(
      AwsSessionCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "FwoGZXIvYXdzEXAMPLESESSION"));

  @Test
  void theTokenIsAPresignedGetCallerIdentityUrlThatSignsTheClusterName() {
    String token = new EksTokenGenerator(CREDENTIALS, Region.US_WEST_2, "retail-eks", CLOCK).token();

    assertThat(token).startsWith("k8s-aws-v1.").doesNotContain("=", "+", "/");
    URI url = URI.create(new String(Base64.getUrlDecoder().decode(token.substring("k8s-aws-v1.".length())), StandardCharsets.UTF_8));
    Map<String, String> query = query(url);
    assertThat(url.getScheme()).isEqualTo("https");
    assertThat(url.getHost()).isEqualTo("sts.us-west-2.amazonaws.com");
    assertThat(url.getPath()).isEqualTo("/");
    assertThat(query)
        .containsEntry("Action", "GetCallerIdentity")
        .containsEntry("Version", "2011-06-15")
        .containsEntry("X-Amz-Algorithm", "AWS4-HMAC-SHA256")
        .containsEntry("X-Amz-Expires", "60")
        .containsEntry("X-Amz-Date", "20261121T031500Z")
        .containsEntry("X-Amz-Credential", "AKIDEXAMPLE/20261121/us-west-2/sts/aws4_request")
        .containsEntry("X-Amz-Security-Token", "FwoGZXIvYXdzEXAMPLESESSION");
    assertThat(query.get("X-Amz-SignedHeaders").split(";")).contains("host", "x-k8s-aws-id");
    assertThat(query.get("X-Amz-Signature")).matches("[0-9a-f]{64}");
  }

  @Test
  void theSignatureCoversTheClusterNameAndTheTime() {
    String a = signature(new EksTokenGenerator(CREDENTIALS, Region.US_WEST_2, "retail-eks", CLOCK).token());
    String same = signature(new EksTokenGenerator(CREDENTIALS, Region.US_WEST_2, "retail-eks", CLOCK).token());
    String otherCluster = signature(new EksTokenGenerator(CREDENTIALS, Region.US_WEST_2, "other-eks", CLOCK).token());
    String later = signature(new EksTokenGenerator(CREDENTIALS, Region.US_WEST_2, "retail-eks",
        Clock.offset(CLOCK, java.time.Duration.ofSeconds(1))).token());

    assertThat(a).isEqualTo(same).isNotEqualTo(otherCluster).isNotEqualTo(later);
  }

  private static String signature(String token) {
    return query(URI.create(new String(Base64.getUrlDecoder().decode(token.substring(11)), StandardCharsets.UTF_8))).get("X-Amz-Signature");
  }

  private static Map<String, String> query(URI url) {
    Map<String, String> out = new LinkedHashMap<>();
    Arrays.stream(url.getRawQuery().split("&")).map(p -> p.split("=", 2))
        .forEach(kv -> out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8)));
    return out;
  }
}
