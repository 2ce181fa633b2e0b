package com.incident.kube.chaos;

import com.incident.common.tool.ToolException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads what the {@link Planner} looks at in one namespace, with list calls only. Every Kubernetes failure becomes a
 * short English reason that points at the caller's RBAC documentation.
 */
public final class NamespaceReader {
  /** Named in full so no API discovery is needed (and a cluster without KEDA answers a plain 404). */
  public static final ResourceDefinitionContext SCALED_OBJECTS = new ResourceDefinitionContext.Builder()
      .withGroup("keda.sh").withVersion("v1alpha1").withKind("ScaledObject").withPlural("scaledobjects").withNamespaced(true).build();

  private final Supplier<KubernetesClient> client;
  private final String rbacDoc;

  /** @param rbacDoc the document with the RBAC the caller's function needs, named in read errors */
  public NamespaceReader(Supplier<KubernetesClient> client, String rbacDoc) {
    this.client = client;
    this.rbacDoc = rbacDoc;
  }

  public NamespaceSnapshot snapshot(String namespace) {
    KubernetesClient c = client.get();
    try {
      return new NamespaceSnapshot(
          namespace,
          c.pods().inNamespace(namespace).list().getItems(),
          c.apps().deployments().inNamespace(namespace).list().getItems(),
          c.apps().replicaSets().inNamespace(namespace).list().getItems(),
          c.batch().v1().jobs().inNamespace(namespace).list().getItems(),
          c.autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace).list().getItems(),
          scaledObjects(c, namespace));
    } catch (KubernetesClientException e) {
      throw new ToolException("Could not read namespace " + namespace + ": " + reason(e)
          + "; nothing was changed. Check the function's EKS access entry and RBAC (" + rbacDoc + ")", e);
    }
  }

  /**
   * KEDA ScaledObjects of the namespace: empty when KEDA is not installed (the API answers 404). Any other failure
   * fails the read, since a Deployment KEDA scales to zero must not be scaled up for want of seeing it.
   */
  private static List<GenericKubernetesResource> scaledObjects(KubernetesClient c, String namespace) {
    try {
      return c.genericKubernetesResources(SCALED_OBJECTS).inNamespace(namespace).list().getItems();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return List.of();
      }
      throw e;
    }
  }

  /** A Kubernetes failure in one line: the API server's status message, or the first line of the client's. */
  public static String reason(KubernetesClientException e) {
    if (e.getStatus() != null && e.getStatus().getMessage() != null) {
      return "HTTP " + e.getCode() + " " + e.getStatus().getMessage();
    }
    if (e.getCode() > 0) {
      return "HTTP " + e.getCode();
    }
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    return nl > 0 ? m.substring(0, nl) : m;
  }
}
