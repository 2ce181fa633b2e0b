package com.incident.kube.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NamespaceGuardTest {
  private final NamespaceGuard guard = new NamespaceGuard(
      List.of("retail-store", "kube-system", "amazon-cloudwatch", "karpenter", "kube-custom", "aws-load-balancer", "Staging"));

  @Test
  void theDenylistWinsOverTheAllowlist() {
    assertThat(guard.effectiveAllowlist()).containsExactly("retail-store", "staging");
    assertThat(guard.ignoredAllowlistEntries())
        .containsExactly("kube-system", "amazon-cloudwatch", "karpenter", "kube-custom", "aws-load-balancer");
  }

  @Test
  void noRequestedNamespacesMeansEveryAllowedOne() {
    assertThat(guard.resolve(List.of()).namespaces()).containsExactly("retail-store", "staging");
  }

  @Test
  void eachRefusedNamespaceSaysWhy() {
    NamespaceGuard.Scope scope = guard.resolve(List.of("retail-store", "kube-system", "kube-node-lease", "payments", "retail-store"));

    assertThat(scope.namespaces()).containsExactly("retail-store");
    assertThat(scope.rejected()).containsExactly(
        new NamespaceGuard.Rejection("kube-system", "protected platform namespace (hard denylist)"),
        new NamespaceGuard.Rejection("kube-node-lease", "protected platform namespace (hard denylist)"),
        new NamespaceGuard.Rejection("payments", "not in the allowlist CHAOS_ALLOWED_NAMESPACES"));
  }

  @Test
  void platformPrefixesAreDenied() {
    assertThat(NamespaceGuard.denialReason("amazon-guardduty")).isPresent();
    assertThat(NamespaceGuard.denialReason("eks-pod-identity")).isPresent();
    assertThat(NamespaceGuard.denialReason("kube-public")).isPresent();
    assertThat(NamespaceGuard.denialReason("retail-store")).isEmpty();
    assertThat(NamespaceGuard.denialReason("default")).isEmpty();
  }
}
