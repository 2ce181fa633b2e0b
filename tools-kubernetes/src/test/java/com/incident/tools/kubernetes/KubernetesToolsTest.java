package com.incident.tools.kubernetes;

import static com.incident.tools.chaos.fixtures.RetailStoreCluster.NAMESPACE;
import static com.incident.tools.chaos.fixtures.RetailStoreCluster.NODE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.incident.ChaosScenario;
import com.incident.common.json.Json;
import com.incident.common.tool.ToolNames;
import com.incident.common.tool.result.ChaosCleanupResult;
import com.incident.common.tool.result.ChaosCleanupResult.ActionStatus;
import com.incident.common.tool.result.ChaosCleanupResult.ActionType;
import com.incident.common.tool.result.K8sChaosScanResult;
import com.incident.common.tool.result.K8sEventsResult;
import com.incident.common.tool.result.K8sNodeStatusResult;
import com.incident.common.tool.result.K8sPodLogsResult;
import com.incident.common.tool.result.K8sWorkloadResult;
import com.incident.tools.chaos.fixtures.KubeMock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What each k8s-* tool shows of the seeded incidents, read through the handler from the fabric8 mock API server. */
class KubernetesToolsTest {
  static KubeMock kube;
  static IncidentCluster cluster;
  static Tools tools;

  @BeforeAll
  static void seed() {
    kube = KubeMock.start();
    cluster = IncidentCluster.seeded(kube);
    tools = Tools.over(kube.client());
  }

  @AfterAll
  static void stop() {
    kube.close();
  }

  // --- k8s-describe-workload -----------------------------------------------------------------

  @Test
  void aPodNameLeadsToItsDeploymentWithTheOomKilledPodFirst() throws Exception {
    K8sWorkloadResult r = describe(Map.of("namespace", NAMESPACE, "pod_name", cluster.oomPod.getMetadata().getName()));

    K8sWorkloadResult.Workload orders = single(r);
    assertThat(orders.kind()).isEqualTo("Deployment");
    assertThat(orders.name()).isEqualTo("orders");
    K8sWorkloadResult.Pod first = orders.pods().getFirst();
    assertThat(first.name()).isEqualTo(cluster.oomPod.getMetadata().getName());
    assertThat(first.ready()).isFalse();
    K8sWorkloadResult.Container c = first.containers().getFirst();
    assertThat(c.state()).isEqualTo("waiting");
    assertThat(c.reason()).isEqualTo("CrashLoopBackOff");
    assertThat(c.restartCount()).isEqualTo(3);
    assertThat(c.lastTermination().reason()).isEqualTo("OOMKilled");
    assertThat(c.lastTermination().exitCode()).isEqualTo(137);
    assertThat(c.resources()).isEqualTo(new K8sWorkloadResult.Resources("250m", null, "512Mi", "512Mi"));
    assertThat(orders.pods().get(1).ready()).isTrue();
    assertThat(orders.services()).containsExactly(new K8sWorkloadResult.ServiceEndpoints("orders", 1, 1));
  }

  @Test
  void aBadImageShowsOnTheNewestRevisionWithThePreviousImageBelowIt() throws Exception {
    K8sWorkloadResult.Workload catalog = single(describe(Map.of("namespace", NAMESPACE, "kind", "Deployment", "name", "catalog")));

    assertThat(catalog.revisions()).extracting(K8sWorkloadResult.Revision::revision).containsExactly(3, 2, 1);
    assertThat(catalog.revisions().get(0).images()).containsEntry("catalog", IncidentCluster.BAD_IMAGE);
    assertThat(catalog.revisions().get(1).images()).containsEntry("catalog", IncidentCluster.GOOD_CATALOG);
    assertThat(catalog.revisions().get(1).readyReplicas()).isEqualTo(2);
    K8sWorkloadResult.Pod pulling = catalog.pods().getFirst();
    assertThat(pulling.revision()).isEqualTo(catalog.revisions().getFirst().name());
    assertThat(pulling.containers().getFirst().reason()).isEqualTo("ImagePullBackOff");
    assertThat(pulling.containers().getFirst().image()).isEqualTo(IncidentCluster.BAD_IMAGE);
  }

  @Test
  void aDeploymentScaledToZeroShowsItsLastAppliedReplicasAndTheEmptyService() throws Exception {
    K8sWorkloadResult.Workload carts = single(describe(Map.of("namespace", NAMESPACE, "name", "carts")));

    assertThat(carts.replicas().desired()).isZero();
    assertThat(carts.lastAppliedReplicas()).isEqualTo(2);
    assertThat(carts.annotations()).doesNotContainKey("kubectl.kubernetes.io/last-applied-configuration");
    assertThat(carts.pods()).isEmpty();
    assertThat(carts.revisions().getFirst().replicas()).isZero();
    assertThat(carts.revisions()).extracting(K8sWorkloadResult.Revision::desiredReplicas).contains(2);
    assertThat(carts.services()).containsExactly(new K8sWorkloadResult.ServiceEndpoints("carts", 0, 0));
  }

  @Test
  void aLoadGeneratorIsRecognisedByWhatItRunsNotByItsName() throws Exception {
    K8sWorkloadResult.Container hidden = single(describe(Map.of("namespace", NAMESPACE, "name", IncidentCluster.HIDDEN_STRESS)))
        .pods().getFirst().containers().getFirst();
    K8sWorkloadResult.Container lookalike = single(describe(Map.of("namespace", NAMESPACE, "name", IncidentCluster.LOOKALIKE)))
        .pods().getFirst().containers().getFirst();

    assertThat(hidden.name()).isEqualTo("worker");
    assertThat(hidden.loadGenerator()).isNotNull();
    assertThat(hidden.loadGenerator().process()).startsWith("stress-ng", "--cpu", "2");
    assertThat(hidden.loadGenerator().resources()).containsExactly("cpu");
    assertThat(lookalike.name()).isEqualTo("stress-runner");
    assertThat(lookalike.loadGenerator()).isNull();
  }

  @Test
  void aLabelSelectorFindsEveryMatchingWorkloadAndNoEnvironmentValueIsReturned() throws Exception {
    JsonNode raw = tools.call(ToolNames.K8S_DESCRIBE_WORKLOAD, Map.of("namespace", NAMESPACE,
        "label_selector", "app.kubernetes.io/part-of=retail-store"));
    K8sWorkloadResult r = Json.MAPPER.convertValue(raw.path("structuredContent"), K8sWorkloadResult.class);

    assertThat(r.workloads()).extracting(K8sWorkloadResult.Workload::name)
        .containsExactlyInAnyOrder("ui", "catalog", "carts", "orders", "checkout");
    assertThat(r.workloads().getFirst().name()).isIn("orders", "catalog");
    assertThat(raw.toString()).doesNotContain("s3cr3t", "PERSISTENCE_PROVIDER");
    assertThat(single(describe(Map.of("namespace", NAMESPACE, "name", "ui"))).hpa())
        .isEqualTo(new K8sWorkloadResult.Hpa("ui", 2, 6, null, null));
  }

  @Test
  void badArgumentsAreRejectedWithAClearMessage() throws Exception {
    JsonNode none = tools.call(ToolNames.K8S_DESCRIBE_WORKLOAD, Map.of("namespace", NAMESPACE));
    JsonNode two = tools.call(ToolNames.K8S_DESCRIBE_WORKLOAD, Map.of("namespace", NAMESPACE, "name", "ui", "pod_name", "ui-1"));
    JsonNode badName = tools.call(ToolNames.K8S_DESCRIBE_WORKLOAD, Map.of("namespace", "Retail_Store!", "name", "ui"));
    JsonNode tooManyLines = tools.call(ToolNames.K8S_POD_LOGS, Map.of("namespace", NAMESPACE, "pod_name", "x", "tail_lines", 5000));

    assertThat(none.at("/content/0/text").asText()).contains("Give exactly one of: name (with optional kind), pod_name or label_selector");
    assertThat(two.at("/content/0/text").asText()).contains("Give exactly one of");
    assertThat(badName.at("/content/0/text").asText()).startsWith("Invalid arguments for k8s-describe-workload");
    assertThat(tooManyLines.at("/content/0/text").asText()).startsWith("Invalid arguments for k8s-pod-logs");
    for (JsonNode r : List.of(none, two, badName, tooManyLines)) {
      assertThat(r.path("isError").asBoolean()).isTrue();
      assertThat(r.at("/content/0/text").asText()).doesNotContain("Exception", "at com.");
    }
  }

  // --- k8s-get-events ------------------------------------------------------------------------

  @Test
  void eventsOfADeploymentIncludeItsPodsCollapsedByReasonWithTheirSummedCount() throws Exception {
    K8sEventsResult r = tools.conforming(ToolNames.K8S_GET_EVENTS, Map.of("namespace", NAMESPACE, "kind", "Deployment",
        "name", "catalog"), K8sEventsResult.class);

    assertThat(r.object()).isEqualTo("Deployment/catalog");
    assertThat(r.total()).isEqualTo(3);
    assertThat(r.events()).extracting(K8sEventsResult.Event::reason, K8sEventsResult.Event::count)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("Failed", 7), org.assertj.core.groups.Tuple.tuple("BackOff", 12));
    K8sEventsResult.Event failed = r.events().getFirst();
    assertThat(failed.kind()).isEqualTo("Pod");
    assertThat(failed.firstSeen()).isEqualTo(cluster.now.minusSeconds(9 * 60).toString());
    assertThat(failed.lastSeen()).isEqualTo(cluster.now.minusSeconds(60).toString());
  }

  @Test
  void normalEventsOnlyOnRequestAndOnlyInsideTheWindow() throws Exception {
    K8sEventsResult warnings = tools.conforming(ToolNames.K8S_GET_EVENTS, Map.of("namespace", NAMESPACE), K8sEventsResult.class);
    K8sEventsResult all = tools.conforming(ToolNames.K8S_GET_EVENTS, Map.of("namespace", NAMESPACE, "include_normal", true),
        K8sEventsResult.class);
    K8sEventsResult incident = tools.conforming(ToolNames.K8S_GET_EVENTS, Map.of("namespace", NAMESPACE, "minutes", 10,
        "end_time", cluster.now.minusSeconds(300 * 60).toString()), K8sEventsResult.class);

    assertThat(warnings.events()).extracting(K8sEventsResult.Event::type).containsOnly("Warning");
    assertThat(warnings.events()).extracting(K8sEventsResult.Event::reason).doesNotContain("FailedMount");
    assertThat(all.events()).extracting(K8sEventsResult.Event::reason).contains("Pulled");
    assertThat(all.events().getLast().type()).isEqualTo("Normal");
    assertThat(incident.events()).singleElement().satisfies(e -> assertThat(e.reason()).isEqualTo("FailedMount"));
  }

  // --- k8s-pod-logs --------------------------------------------------------------------------

  @Test
  void currentAndPreviousContainerLogsComeRedacted() throws Exception {
    K8sPodLogsResult r = tools.conforming(ToolNames.K8S_POD_LOGS, Map.of("namespace", NAMESPACE,
        "pod_name", cluster.oomPod.getMetadata().getName()), K8sPodLogsResult.class);

    K8sPodLogsResult.ContainerLog log = r.containers().getFirst();
    assertThat(log.current()).containsExactly("Started OrdersApplication in 4.2 seconds", "GET /orders 200");
    assertThat(log.previous()).contains("java.lang.OutOfMemoryError: Java heap space");
    assertThat(String.join("\n", log.previous())).doesNotContain(IncidentCluster.LEAKED_KEY).contains("[REDACTED:aws-access-key]");
    assertThat(log.previousUnavailable()).isNull();
    assertThat(log.truncated()).isFalse();
  }

  @Test
  void theTailIsBoundedAndAPodWithoutRestartsSaysWhyThereIsNoPreviousLog() throws Exception {
    K8sPodLogsResult oneLine = tools.conforming(ToolNames.K8S_POD_LOGS, Map.of("namespace", NAMESPACE,
        "pod_name", cluster.oomPod.getMetadata().getName(), "container", "orders", "tail_lines", 1), K8sPodLogsResult.class);
    String healthy = kube.client().pods().inNamespace(NAMESPACE).withLabel("app.kubernetes.io/name", "ui").list().getItems()
        .getFirst().getMetadata().getName();
    K8sPodLogsResult noRestart = tools.conforming(ToolNames.K8S_POD_LOGS, Map.of("namespace", NAMESPACE, "pod_name", healthy),
        K8sPodLogsResult.class);
    JsonNode wrongContainer = tools.call(ToolNames.K8S_POD_LOGS, Map.of("namespace", NAMESPACE,
        "pod_name", cluster.oomPod.getMetadata().getName(), "container", "sidecar"));

    assertThat(oneLine.containers().getFirst().current()).containsExactly("GET /orders 200");
    assertThat(oneLine.containers().getFirst().truncated()).isTrue();
    assertThat(noRestart.containers().getFirst().previous()).isEmpty();
    assertThat(noRestart.containers().getFirst().previousUnavailable()).isEqualTo("no previous instance: the container has not restarted");
    assertThat(wrongContainer.at("/content/0/text").asText()).contains("has no container 'sidecar'; its containers are [orders]");
  }

  // --- k8s-node-status -----------------------------------------------------------------------

  @Test
  void aNodeShowsItsRequestsAgainstAllocatableAndTheLoadGeneratorOnTop() throws Exception {
    K8sNodeStatusResult r = tools.conforming(ToolNames.K8S_NODE_STATUS, Map.of("node_name", NODE, "top_pods", 3),
        K8sNodeStatusResult.class);

    K8sNodeStatusResult.Node node = r.nodes().getFirst();
    assertThat(node.ready()).isTrue();
    assertThat(node.conditions()).extracting(K8sWorkloadResult.Condition::type)
        .contains("Ready", "MemoryPressure", "DiskPressure", "PIDPressure");
    assertThat(node.cpuMillicores().allocatable()).isEqualTo(3920);
    // Nine application pods at 250m (catalog's ImagePullBackOff pod is scheduled, carts has none), the 1500m worker,
    // and nginx plus kube-system's two stress pods without requests.
    assertThat(node.pods()).isEqualTo(13);
    assertThat(node.cpuMillicores().requested()).isEqualTo(9 * 250 + 1500);
    assertThat(node.memoryBytes().allocatable()).isEqualTo(15L * 1024 * 1024 * 1024);
    assertThat(node.topPods()).hasSize(3);
    K8sNodeStatusResult.NodePod top = node.topPods().getFirst();
    assertThat(top.owner()).startsWith("ReplicaSet/" + IncidentCluster.HIDDEN_STRESS);
    assertThat(top.cpuRequestMillicores()).isEqualTo(1500);
    assertThat(top.loadGenerator()).isNotNull();
  }

  // --- k8s-find-chaos ------------------------------------------------------------------------

  @Test
  void theChaosScanReportsWhatChaosCleanupWouldDoAsDryRunAndLeavesLookalikesOut() throws Exception {
    K8sChaosScanResult r = tools.conforming(ToolNames.K8S_FIND_CHAOS, Map.of("namespace", NAMESPACE, "resource", "cpu"),
        K8sChaosScanResult.class);

    assertThat(r.matches()).singleElement().satisfies(a -> {
      assertThat(a.scenario()).isEqualTo(ChaosScenario.STRESS_WORKLOAD);
      assertThat(a.action()).isEqualTo(ActionType.DELETE);
      assertThat(a.name()).isEqualTo(IncidentCluster.HIDDEN_STRESS);
      assertThat(a.status()).isEqualTo(ActionStatus.DRY_RUN);
      assertThat(a.evidence()).contains("stress-ng --cpu 2");
      assertThat(a.undo().manifest()).isNull();
      assertThat(a.verification()).isNull();
    });
    assertThat(r.matches()).extracting(ChaosCleanupResult.Action::name).doesNotContain(IncidentCluster.LOOKALIKE);
    assertThat(r.leftAlone()).extracting(ChaosCleanupResult.LeftAlone::name).doesNotContain(IncidentCluster.LOOKALIKE);
  }

  @Test
  void theAlarmedWorkloadsRollbackAndScaleUpAreReportedWithTheirTargets() throws Exception {
    K8sChaosScanResult catalog = tools.conforming(ToolNames.K8S_FIND_CHAOS, Map.of("namespace", NAMESPACE, "workload", "catalog"),
        K8sChaosScanResult.class);
    K8sChaosScanResult carts = tools.conforming(ToolNames.K8S_FIND_CHAOS, Map.of("namespace", NAMESPACE, "workload", "carts"),
        K8sChaosScanResult.class);

    assertThat(catalog.matches()).singleElement().satisfies(a -> {
      assertThat(a.action()).isEqualTo(ActionType.ROLLBACK);
      assertThat(a.after()).contains(IncidentCluster.GOOD_CATALOG);
      assertThat(a.undo().previousImages()).containsEntry("catalog", IncidentCluster.BAD_IMAGE);
    });
    assertThat(carts.matches()).singleElement().satisfies(a -> {
      assertThat(a.action()).isEqualTo(ActionType.SCALE);
      assertThat(a.after()).startsWith("replicas 2");
    });
  }

  @Test
  void protectedAndUnlistedNamespacesAreNotScannedAndSaySo() throws Exception {
    K8sChaosScanResult r = tools.conforming(ToolNames.K8S_FIND_CHAOS, Map.of("namespace", "kube-system", "resource", "cpu"),
        K8sChaosScanResult.class);
    Tools limited = new Tools(kube.client(), Map.of("CHAOS_ALLOWED_NAMESPACES", NAMESPACE, "CHAOS_MAX_ACTIONS", "1"));
    K8sChaosScanResult overLimit = limited.conforming(ToolNames.K8S_FIND_CHAOS, Map.of("namespace", NAMESPACE, "workload", "catalog",
        "resource", "cpu"), K8sChaosScanResult.class);

    assertThat(r.namespaces()).isEmpty();
    assertThat(r.rejectedNamespaces()).singleElement().satisfies(x -> assertThat(x.reason()).contains("hard denylist"));
    assertThat(r.noDataReason()).contains("no namespace scanned");
    assertThat(overLimit.maxActions()).isEqualTo(1);
    assertThat(overLimit.matches()).hasSize(2).extracting(ChaosCleanupResult.Action::status).containsOnly(ActionStatus.NOT_RUN);
  }

  private static K8sWorkloadResult describe(Map<String, ?> args) throws Exception {
    return tools.conforming(ToolNames.K8S_DESCRIBE_WORKLOAD, args, K8sWorkloadResult.class);
  }

  private static K8sWorkloadResult.Workload single(K8sWorkloadResult r) {
    assertThat(r.workloads()).hasSize(1);
    return r.workloads().getFirst();
  }
}
