package com.incident.kube.eks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

class EksKubernetesClientsTest {

  @Test
  void aGivenClientIsUsedAsIsAndWithoutOneTheClusterNameIsRequired() {
    KubernetesClient given = new io.fabric8.kubernetes.client.KubernetesClientBuilder().build();
    try {
      assertThat(EksKubernetesClients.givenOrLazy(given, null).get()).isSameAs(given);
    } finally {
      given.close();
    }
    assertThatThrownBy(() -> EksKubernetesClients.givenOrLazy(null, null))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("EKS_CLUSTER_NAME");
  }

  @Test
  void everyRequestCarriesAFreshlySignedEksToken() throws Exception {
    KubernetesMockServer server = new KubernetesMockServer(false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    server.expect().get().withPath("/api/v1/namespaces/retail-store/pods")
        .andReturn(200, new PodListBuilder().build()).always();
    AtomicInteger second = new AtomicInteger();
    // A clock one second later on each read, so each token is signed at a different time.
    Clock ticking = new Clock() {
      @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
      @Override public Clock withZone(java.time.ZoneId zone) { return this; }
      @Override public Instant instant() { return Instant.parse("2026-11-21T03:15:00Z").plusSeconds(second.getAndIncrement()); }
    };
    EksTokenGenerator tokens = new EksTokenGenerator(EksTokenGeneratorTest.CREDENTIALS, Region.US_WEST_2, "retail-eks", ticking);
    EksConfig config = new EksConfig("retail-eks", "us-west-2", Duration.ofSeconds(2), Duration.ofSeconds(5));

    try (KubernetesClient client = EksKubernetesClients.forEndpoint(server.url("/"), null, tokens, config)) {
      client.pods().inNamespace("retail-store").list();
      client.pods().inNamespace("retail-store").list();
    } finally {
      server.destroy();
    }

    RecordedRequest first = server.takeRequest(5, TimeUnit.SECONDS);
    RecordedRequest next = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(first.getHeader("Authorization")).startsWith("Bearer k8s-aws-v1.");
    assertThat(next.getHeader("Authorization")).startsWith("Bearer k8s-aws-v1.").isNotEqualTo(first.getHeader("Authorization"));
  }
}
