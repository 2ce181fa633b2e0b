package com.incident.kube.chaos;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** A Kubernetes object by kind, namespace and name. */
public record ObjectRef(String kind, String namespace, String name) {

  public static ObjectRef of(HasMetadata o) {
    return new ObjectRef(o.getKind(), o.getMetadata().getNamespace(), o.getMetadata().getName());
  }

  @Override
  public String toString() {
    return kind + " " + namespace + "/" + name;
  }
}
