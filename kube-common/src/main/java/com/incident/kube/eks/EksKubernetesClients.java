package com.incident.kube.eks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.aws.SignedAwsClient;
import com.incident.common.tool.ToolException;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/** Builds the fabric8 client for an EKS cluster: endpoint and CA from eks:DescribeCluster, a fresh IAM token per request. */
public final class EksKubernetesClients {
  private static final Logger log = LoggerFactory.getLogger(EksKubernetesClients.class);

  private EksKubernetesClients() {}

  /**
   * A client made on first use and then kept for the container's life. Nothing is contacted at init, so a
   * SnapStart snapshot holds no endpoint lookup and no token; a failed lookup is retried on the next call.
   */
  public static Supplier<KubernetesClient> lazy(EksConfig config) {
    return memoize(() -> create(config));
  }

  /**
   * The client a target's wiring uses: the one given (the sandbox's mock server, tests), otherwise the EKS cluster of
   * {@code config}, made on first use ({@link #lazy}).
   */
  public static Supplier<KubernetesClient> givenOrLazy(KubernetesClient given, EksConfig config) {
    if (given != null) {
      return () -> given;
    }
    if (config == null) {
      throw new IllegalStateException("Missing required environment variable EKS_CLUSTER_NAME");
    }
    return lazy(config);
  }

  static <T> Supplier<T> memoize(Supplier<T> factory) {
    return new Supplier<>() {
      private T value;

      @Override
      public synchronized T get() {
        if (value == null) {
          value = factory.get();
        }
        return value;
      }
    };
  }

  static KubernetesClient create(EksConfig config) {
    Region region = Region.of(config.region());
    DefaultCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
    // One signed DescribeCluster rather than the EKS SDK module (2.0 MB of the jar for this one call).
    ClusterEndpoint cluster = describe(SignedAwsClient.of(SignedAwsClient.Service.EKS, UrlConnectionHttpClient.create(),
        credentials, region, null), config.clusterName(), config.region());
    EksTokenGenerator tokens = new EksTokenGenerator(credentials, region, config.clusterName(), Clock.systemUTC());
    return forEndpoint(cluster.endpoint(), cluster.caCertDataBase64(), tokens, config);
  }

  /** Where the cluster's API server is and which CA signs it. */
  record ClusterEndpoint(String endpoint, String caCertDataBase64) {}

  static ClusterEndpoint describe(SignedAwsClient eks, String clusterName, String region) {
    SignedAwsClient.Response response;
    try {
      response = eks.send(SdkHttpMethod.GET, "/clusters/" + SdkHttpUtils.urlEncode(clusterName), Map.of(), null);
    } catch (RuntimeException e) {
      log.warn("eks:DescribeCluster failed cluster={} error={}", clusterName, e.getClass().getSimpleName());
      throw new ToolException("Could not reach the EKS API for cluster " + clusterName + " in " + region + ": "
          + com.incident.common.config.AccessFailure.describe(e).orElse(e.getClass().getSimpleName())
          + "; nothing was changed", e);
    }
    JsonNode cluster = null;
    if (response.successful()) {
      try {
        cluster = response.json().path("cluster");
      } catch (JsonProcessingException e) {
        cluster = null;
      }
    }
    String endpoint = cluster == null ? "" : cluster.path("endpoint").asText("");
    String ca = cluster == null ? "" : cluster.path("certificateAuthority").path("data").asText("");
    if (endpoint.isBlank() || ca.isBlank()) {
      String code = response.successful() ? "no endpoint or CA in the answer" : response.errorCode();
      log.warn("eks:DescribeCluster failed cluster={} code={}", clusterName, code);
      throw new ToolException("Could not describe EKS cluster " + clusterName + " in " + region + ": " + code
          + "; check EKS_CLUSTER_NAME, EKS_REGION and the eks:DescribeCluster permission; nothing was changed");
    }
    log.info("EKS cluster resolved cluster={} endpoint={}", clusterName, endpoint);
    return new ClusterEndpoint(endpoint, ca);
  }

  /** The client for a known endpoint; every request asks {@code tokens} for its bearer token. */
  public static KubernetesClient forEndpoint(String endpoint, String caCertDataBase64, EksTokenGenerator tokens, EksConfig config) {
    Config k8s = new ConfigBuilder(Config.empty())
        .withMasterUrl(endpoint)
        .withCaCertData(caCertDataBase64)
        .withOauthTokenProvider(tokens::token)
        .withConnectionTimeout((int) config.connectTimeout().toMillis())
        .withRequestTimeout((int) config.requestTimeout().toMillis())
        .withRequestRetryBackoffLimit(2)
        .build();
    return new KubernetesClientBuilder().withConfig(k8s).withHttpClientFactory(new JdkHttpClientFactory()).build();
  }
}
