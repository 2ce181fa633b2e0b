package com.incident.tools.kubernetes;

import static com.incident.tools.chaos.fixtures.RetailStoreCluster.NAMESPACE;
import static com.incident.tools.chaos.fixtures.RetailStoreCluster.NODE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.common.json.Json;
import com.incident.common.tool.ToolNames;
import com.incident.tools.chaos.fixtures.KubeMock;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The target is read-only at the wire: after every tool has run with every kind of argument, the API server has
 * received nothing but GETs, and the whole cluster reads back exactly as before.
 */
class ReadOnlyTest {

  @Test
  void everyToolSendsOnlyGetsAndTheClusterIsUnchanged() throws Exception {
    try (KubeMock kube = KubeMock.start()) {
      IncidentCluster cluster = IncidentCluster.seeded(kube);
      Tools tools = Tools.over(kube.client());
      String pod = cluster.oomPod.getMetadata().getName();
      Map<String, String> before = snapshot(kube.client());
      drain(kube, kube.server().getRequestCount());
      int seeded = kube.server().getRequestCount();

      List<Call> calls = List.of(
          new Call(ToolNames.K8S_DESCRIBE_WORKLOAD, Map.of("namespace", NAMESPACE, "pod_name", pod)),
          new Call(ToolNames.K8S_DESCRIBE_WORKLOAD, Map.of("namespace", NAMESPACE, "label_selector", "app.kubernetes.io/part-of=retail-store")),
          new Call(ToolNames.K8S_DESCRIBE_WORKLOAD, Map.of("namespace", NAMESPACE, "name", IncidentCluster.HIDDEN_STRESS)),
          new Call(ToolNames.K8S_GET_EVENTS, Map.of("namespace", NAMESPACE, "kind", "Deployment", "name", "catalog", "include_normal", true)),
          new Call(ToolNames.K8S_POD_LOGS, Map.of("namespace", NAMESPACE, "pod_name", pod)),
          new Call(ToolNames.K8S_NODE_STATUS, Map.of()),
          new Call(ToolNames.K8S_NODE_STATUS, Map.of("node_name", NODE)),
          new Call(ToolNames.K8S_FIND_CHAOS, Map.of("namespace", NAMESPACE, "resource", "cpu")),
          new Call(ToolNames.K8S_FIND_CHAOS, Map.of("namespace", NAMESPACE, "workload", "catalog")),
          new Call(ToolNames.K8S_FIND_CHAOS, Map.of("namespace", NAMESPACE, "workload", "carts")),
          new Call(ToolNames.K8S_FIND_CHAOS, Map.of("node", NODE, "resource", "memory")));
      for (Call call : calls) {
        assertThat(tools.call(call.tool(), call.args()).path("isError").asBoolean()).as("%s", call).isFalse();
      }

      List<RecordedRequest> sent = drain(kube, kube.server().getRequestCount() - seeded);
      assertThat(sent).isNotEmpty();
      assertThat(sent).extracting(RecordedRequest::getMethod).containsOnly("GET");
      assertThat(sent).extracting(RecordedRequest::getPath).noneMatch(p -> p.contains("/secrets") || p.contains("/configmaps"));
      assertThat(snapshot(kube.client())).isEqualTo(before);
    }
  }

  record Call(String tool, Map<String, ?> args) {}

  private static List<RecordedRequest> drain(KubeMock kube, int count) throws InterruptedException {
    List<RecordedRequest> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(kube.server().takeRequest(5, TimeUnit.SECONDS));
    }
    return out;
  }

  /** Every object of every kind the tools read, by "Kind ns/name", as JSON. */
  private static Map<String, String> snapshot(KubernetesClient client) {
    Map<String, String> out = new TreeMap<>();
    Stream.<List<? extends HasMetadata>>of(
            client.apps().deployments().inAnyNamespace().list().getItems(),
            client.apps().replicaSets().inAnyNamespace().list().getItems(),
            client.apps().statefulSets().inAnyNamespace().list().getItems(),
            client.apps().daemonSets().inAnyNamespace().list().getItems(),
            client.pods().inAnyNamespace().list().getItems(),
            client.batch().v1().jobs().inAnyNamespace().list().getItems(),
            client.services().inAnyNamespace().list().getItems(),
            client.endpoints().inAnyNamespace().list().getItems(),
            client.v1().events().inAnyNamespace().list().getItems(),
            client.autoscaling().v2().horizontalPodAutoscalers().inAnyNamespace().list().getItems(),
            client.nodes().list().getItems(),
            client.namespaces().list().getItems())
        .flatMap(List::stream)
        .forEach(o -> {
          ObjectNode node = Json.MAPPER.valueToTree(o);
          out.put(o.getKind() + " " + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName(), Json.write(node));
        });
    return out;
  }
}
