package com.incident.kube.chaos;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which namespaces chaos-cleanup may touch: only those in the configured allowlist, and never a
 * platform namespace, whatever the allowlist or the caller says.
 */
public final class NamespaceGuard {
  /** Namespaces that run the cluster itself, its observability or its security; configuration cannot allow them. */
  public static final Set<String> DENIED = Set.of(
      "kube-system", "kube-public", "kube-node-lease",
      "amazon-cloudwatch", "aws-observability", "amazon-guardduty", "amazon-network-flow-monitor",
      "cert-manager", "karpenter", "ingress-nginx", "istio-system", "linkerd", "gatekeeper-system", "kyverno",
      "argocd", "flux-system", "external-secrets", "external-dns", "monitoring", "prometheus", "grafana",
      "opentelemetry-operator-system", "chaos-mesh", "litmus", "velero", "vpa");
  /** Prefixes reserved for Kubernetes, EKS and AWS add-ons. */
  public static final List<String> DENIED_PREFIXES = List.of("kube-", "amazon-", "aws-", "eks-", "openshift-");

  private final Set<String> allowed;

  public NamespaceGuard(List<String> allowed) {
    this.allowed = new LinkedHashSet<>(allowed.stream().map(s -> s.trim().toLowerCase(Locale.ROOT)).toList());
  }

  public static Optional<String> denialReason(String namespace) {
    if (DENIED.contains(namespace)) {
      return Optional.of("protected platform namespace (hard denylist)");
    }
    for (String prefix : DENIED_PREFIXES) {
      if (namespace.startsWith(prefix)) {
        return Optional.of("protected platform namespace (prefix " + prefix + "*, hard denylist)");
      }
    }
    return Optional.empty();
  }

  /** Allowlisted namespaces minus the denylisted ones: what a call without namespaces scans. */
  public List<String> effectiveAllowlist() {
    return allowed.stream().filter(ns -> denialReason(ns).isEmpty()).toList();
  }

  /** Allowlist entries that the denylist overrides, so the operator can see the configuration is ignored. */
  public List<String> ignoredAllowlistEntries() {
    return allowed.stream().filter(ns -> denialReason(ns).isPresent()).toList();
  }

  /** Splits the requested namespaces (all allowed ones when none are requested) into scanned and rejected. */
  public Scope resolve(List<String> requested) {
    if (requested.isEmpty()) {
      return new Scope(effectiveAllowlist(), List.of());
    }
    List<String> scanned = new ArrayList<>();
    List<Rejection> rejected = new ArrayList<>();
    for (String raw : new LinkedHashSet<>(requested)) {
      String ns = raw.trim().toLowerCase(Locale.ROOT);
      Optional<String> denied = denialReason(ns);
      if (denied.isPresent()) {
        rejected.add(new Rejection(ns, denied.get()));
      } else if (!allowed.contains(ns)) {
        rejected.add(new Rejection(ns, "not in the allowlist CHAOS_ALLOWED_NAMESPACES"));
      } else if (!scanned.contains(ns)) {
        scanned.add(ns);
      }
    }
    return new Scope(List.copyOf(scanned), List.copyOf(rejected));
  }

  public record Scope(List<String> namespaces, List<Rejection> rejected) {}

  public record Rejection(String namespace, String reason) {}
}
