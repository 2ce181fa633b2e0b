package com.incident.kube.eks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.incident.common.aws.SignedAwsClient;
import com.incident.common.tool.ToolException;
import com.incident.common.testing.MotoServer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.Cluster;

class EksClusterLookupTest {
  static EksClient eks;
  static Cluster created;

  @BeforeAll
  static void createClusterInMoto() {
    eks = EksClient.builder()
        .endpointOverride(MotoServer.get().endpoint())
        .region(Region.US_WEST_2)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
    created = eks.createCluster(r -> r.name("retail-eks-" + System.nanoTime())
        .roleArn("arn:aws:iam::123456789012:role/eks-cluster")
        .resourcesVpcConfig(v -> v.subnetIds("subnet-0a1b2c3d"))).cluster();
  }

  @AfterAll
  static void close() {
    if (eks != null) {
      eks.close();
    }
  }

  /** The lookup's own signed DescribeCluster, pointed at moto like the SDK client that created the cluster. */
  private static SignedAwsClient signed() {
    return SignedAwsClient.of(SignedAwsClient.Service.EKS, UrlConnectionHttpClient.create(),
        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")), Region.US_WEST_2,
        MotoServer.get().endpoint());
  }

  @Test
  void describeClusterGivesTheEndpointAndCa() {
    EksKubernetesClients.ClusterEndpoint endpoint = EksKubernetesClients.describe(signed(), created.name(), "us-west-2");

    assertThat(endpoint.endpoint()).isEqualTo(created.endpoint()).startsWith("https://");
    assertThat(endpoint.caCertDataBase64()).isEqualTo(created.certificateAuthority().data()).isNotBlank();
  }

  @Test
  void anUnknownClusterIsAnActionableToolError() {
    assertThatThrownBy(() -> EksKubernetesClients.describe(signed(), "ghost", "us-west-2"))
        .isInstanceOf(ToolException.class)
        .hasMessage("Could not describe EKS cluster ghost in us-west-2: ResourceNotFoundException; "
            + "check EKS_CLUSTER_NAME, EKS_REGION and the eks:DescribeCluster permission; nothing was changed");
  }

  @Test
  void theClientIsMadeOnceButAFailedAttemptIsRetried() {
    AtomicInteger attempts = new AtomicInteger();
    Supplier<String> client = EksKubernetesClients.memoize(() -> {
      if (attempts.incrementAndGet() == 1) {
        throw new ToolException("EKS unreachable");
      }
      return "client-" + attempts.get();
    });

    assertThatThrownBy(client::get).hasMessage("EKS unreachable");
    assertThat(client.get()).isEqualTo("client-2");
    assertThat(client.get()).isEqualTo("client-2");
    assertThat(attempts).hasValue(2);
  }
}
