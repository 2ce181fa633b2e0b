package com.incident.tools.chaos;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.common.json.Json;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Every workload object in the cluster by "Kind ns/name", without status and server-set metadata, for before/after diffs. */
record ClusterState(Map<String, String> objects) {

  static ClusterState of(KubernetesClient client) {
    Map<String, String> out = new TreeMap<>();
    Stream.<List<? extends HasMetadata>>of(
            client.apps().deployments().inAnyNamespace().list().getItems(),
            client.apps().replicaSets().inAnyNamespace().list().getItems(),
            client.pods().inAnyNamespace().list().getItems(),
            client.batch().v1().jobs().inAnyNamespace().list().getItems())
        .flatMap(List::stream)
        .forEach(o -> {
          ObjectNode node = Json.MAPPER.valueToTree(o);
          node.remove("status");
          ((ObjectNode) node.get("metadata")).remove(List.of("resourceVersion", "managedFields"));
          out.put(o.getKind() + " " + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName(), Json.write(node));
        });
    return new ClusterState(out);
  }

  /** Keys added, removed or changed between this state and a later one. */
  Set<String> changedIn(ClusterState after) {
    Set<String> keys = new TreeSet<>(objects.keySet());
    keys.addAll(after.objects.keySet());
    keys.removeIf(k -> objects.containsKey(k) && after.objects.containsKey(k) && objects.get(k).equals(after.objects.get(k)));
    return keys;
  }
}
