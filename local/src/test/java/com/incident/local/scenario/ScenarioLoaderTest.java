package com.incident.local.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.common.incident.ChaosScenario;
import com.incident.common.incident.RootCauseCategory;
import com.incident.common.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

public class ScenarioLoaderTest {
  static final java.util.List<String> BUNDLED = ScenarioLoader.BUNDLED;

  @ParameterizedTest
  @FieldSource("BUNDLED")
  void everyShippedScenarioValidatesAndNamesItsFile(String name) {
    Scenario s = ScenarioLoader.bundled(name);

    assertThat(s.name()).isEqualTo(name);
    assertThat(s.cluster().objects()).isNotEmpty();
    assertThat(s.metrics()).isNotEmpty();
    assertThat(s.logs()).isNotEmpty();
    assertThat(s.expected().rootCauseCategory()).isNotNull();
  }

  @Test
  void theShippedFilesInTheRepositoryAreTheOnesBundled() throws Exception {
    Path dir = Path.of("..", "scenarios");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(f -> !f.equals("schema.json")))
          .containsExactlyInAnyOrderElementsOf(BUNDLED.stream().map(n -> n + ".json").toList());
    }
  }

  @Test
  void expectationsUseTheSharedVocabulary() {
    Scenario s = ScenarioLoader.bundled("pod-restarts");

    assertThat(s.expected().rootCauseCategory()).isEqualTo(RootCauseCategory.BAD_IMAGE_ROLLOUT);
    assertThat(s.expected().remediation()).isEqualTo(ChaosScenario.BAD_IMAGE);
    assertThat(s.expected().closed()).isTrue();
    assertThat(s.expected().issueCount()).isEqualTo(1);
  }

  @Test
  void flappingDeliversThreeNotificationsOfOneAlarm() {
    Scenario s = ScenarioLoader.bundled("flapping");

    assertThat(s.notifications()).extracting(n -> n.alarm().path("NewStateValue").asText())
        .containsExactly("ALARM", "ALARM", "OK");
    assertThat(s.notifications()).extracting(Scenario.FollowUp::afterMinutes).containsExactly(0.0, 8.0, 14.0);
  }

  @Test
  void schemaErrorsNameEveryProblemWithItsPath() {
    ObjectNode s = valid();
    ((ObjectNode) s.get("expected")).put("rootCauseCategory", "gremlins");
    s.remove("description");

    assertThatThrownBy(() -> ScenarioLoader.parse("mine.json", Json.write(s)))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("scenario mine.json is invalid")
        .hasMessageContaining("description")
        .hasMessageContaining("$.expected.rootCauseCategory");
  }

  @Test
  void pointsMustMoveForwardInTime() {
    ObjectNode s = valid();
    ArrayNode points = (ArrayNode) s.get("metrics").get(0).get("points");
    points.add(Json.MAPPER.createArrayNode().add(-5).add(1.0));

    assertThatThrownBy(() -> ScenarioLoader.parse("mine.json", Json.write(s)))
        .hasMessageContaining("$.metrics[0].points[2]: minute -5.0 does not come after 0.0");
  }

  @Test
  void aFollowUpMayBeAnotherAlarmAndKeepsItsPlaceAndTime() {
    ObjectNode s = valid();
    ObjectNode node = ((ObjectNode) s.get("alarm").deepCopy()).put("AlarmName", "node-cpu-high");
    ObjectNode composite = ((ObjectNode) s.get("alarm").deepCopy()).put("AlarmName", "checkout-degraded")
        .put("AlarmRule", "ALARM(\"my-alarm\") AND ALARM(\"node-cpu-high\")");
    ObjectNode ok = ((ObjectNode) s.get("alarm").deepCopy()).put("NewStateValue", "OK");
    ArrayNode followUps = s.putArray("followUps");
    followUps.addObject().put("afterMinutes", 2).set("alarm", node);
    followUps.addObject().put("afterMinutes", 2.5).set("alarm", composite);
    followUps.addObject().put("afterMinutes", 9).set("alarm", ok);

    Scenario loaded = ScenarioLoader.parse("storm.json", Json.write(s));

    assertThat(loaded.notifications()).extracting(Scenario.FollowUp::alarmName)
        .containsExactly("my-alarm", "node-cpu-high", "checkout-degraded", "my-alarm");
    assertThat(loaded.notifications()).extracting(Scenario.FollowUp::afterMinutes).containsExactly(0.0, 2.0, 2.5, 9.0);
  }

  @Test
  void followUpsMustComeInOrder() {
    ObjectNode s = valid();
    ObjectNode other = ((ObjectNode) s.get("alarm").deepCopy()).put("AlarmName", "someone-else");
    ArrayNode followUps = s.putArray("followUps");
    followUps.addObject().put("afterMinutes", 5).set("alarm", other);
    followUps.addObject().put("afterMinutes", 3).set("alarm", other);

    assertThatThrownBy(() -> ScenarioLoader.parse("mine.json", Json.write(s)))
        .hasMessageContaining("$.followUps[1].afterMinutes: must be later than the previous notification (5.0)");
  }

  @Test
  void schemaAndSemanticProblemsComeInOneRound() {
    ObjectNode s = valid();
    ((ObjectNode) s.get("expected")).put("rootCauseCategory", "gremlins");
    ((ArrayNode) s.get("metrics").get(0).get("points")).addArray().add(-5).add(1.0);
    s.get("metrics").get(0).withObject("recoversWhen").put("deleted", "Pod/default/ghost");

    ScenarioLoader.Lint lint = ScenarioLoader.lint("mine.json", Json.write(s));

    assertThat(lint.scenario()).isNull();
    assertThat(lint.problems()).anySatisfy(p -> assertThat(p).startsWith("$.expected.rootCauseCategory"))
        .contains("$.metrics[0].points[2]: minute -5.0 does not come after 0.0")
        .contains("$.metrics[0].recoversWhen: the series has no afterRemediation part for the condition to switch on")
        .contains("$.metrics[0].recoversWhen: Pod/default/ghost is not in cluster.objects, so the condition holds from the start");
  }

  @Test
  void everyKindOfAnApplicationNamespaceIsAcceptedButNotSecrets() {
    ObjectNode s = valid();
    ArrayNode objects = (ArrayNode) s.get("cluster").get("objects");
    for (String kind : java.util.List.of("Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job", "CronJob", "Pod",
        "Service", "Endpoints", "EndpointSlice", "HorizontalPodAutoscaler", "PodDisruptionBudget", "Event", "ConfigMap")) {
      ObjectNode o = objects.addObject().put("apiVersion", "v1").put("kind", kind);
      o.putObject("metadata").put("name", "x").put("namespace", "shop");
      if (kind.equals("Event")) {
        o.put("reason", "Scheduled").putObject("involvedObject").put("kind", "Pod").put("name", "x");
      }
    }
    objects.addObject().put("apiVersion", "v1").put("kind", "Node").putObject("metadata").put("name", "n1");
    assertThat(ScenarioLoader.lint("mine.json", Json.write(s)).problems()).isEmpty();

    objects.addObject().put("apiVersion", "v1").put("kind", "Secret").putObject("metadata").put("name", "db").put("namespace", "shop");
    assertThat(ScenarioLoader.lint("mine.json", Json.write(s)).problems()).singleElement().asString()
        .startsWith("$.cluster.objects[15].kind");
  }

  @Test
  void aRecoveryConditionNamesAnObjectOfTheCluster() {
    ObjectNode s = valid();
    ((ArrayNode) s.get("cluster").get("objects")).addObject().put("apiVersion", "apps/v1").put("kind", "StatefulSet")
        .putObject("metadata").put("name", "redis").put("namespace", "shop");
    ObjectNode m = (ObjectNode) s.get("metrics").get(0);
    m.putArray("afterRemediation").addArray().add(0).add(10.0);
    m.putObject("recoversWhen").put("kind", "StatefulSet").put("namespace", "shop").put("name", "redis").put("state", "available");

    Scenario loaded = ScenarioLoader.parse("mine.json", Json.write(s));
    assertThat(loaded.metrics().getFirst().recoversWhen())
        .isEqualTo(Scenario.RecoversWhen.available("StatefulSet", "shop", "redis"));

    m.putObject("recoversWhen").put("kind", "StatefulSet").put("namespace", "shop").put("name", "postgres").put("state", "available");
    assertThat(ScenarioLoader.lint("mine.json", Json.write(s)).problems())
        .containsExactly("$.metrics[0].recoversWhen: StatefulSet/shop/postgres is not in cluster.objects, so the condition can never hold");
  }

  @Test
  void lintNotesWhatTheAnalyzerHasNothingToReadFrom() {
    ScenarioLoader.Lint lint = ScenarioLoader.lintFile(Path.of("..", "scenarios", "statefulset-no-endpoints.json"));

    assertThat(lint.problems()).isEmpty();
    assertThat(lint.notes())
        .anySatisfy(n -> assertThat(n).contains("no tool reads StatefulSet objects"))
        .anySatisfy(n -> assertThat(n).contains("no tool reads Endpoints objects"))
        .anySatisfy(n -> assertThat(n).contains("namespace RetailStore/Carts is not served to any tool"));
    assertThat(lint.notes()).noneSatisfy(n -> assertThat(n).contains("no tool reads Pod objects"));
  }

  @Test
  void eventsAboutTheScenariosObjectsAndPodLogsOfItsContainersLoad() {
    ObjectNode s = withPodAndEvent();
    ObjectNode log = s.putArray("podLogs").addObject().put("namespace", "shop").put("pod", "orders-7d9c-x2k4p")
        .put("container", "orders");
    log.putArray("current").add("Started OrdersApplication in 7.9 seconds");
    log.putArray("previous").add("java.lang.OutOfMemoryError: Java heap space");

    Scenario loaded = ScenarioLoader.parse("mine.json", Json.write(s));

    assertThat(loaded.podLogs()).singleElement().satisfies(l -> {
      assertThat(l.current()).containsExactly("Started OrdersApplication in 7.9 seconds");
      assertThat(l.previous()).containsExactly("java.lang.OutOfMemoryError: Java heap space");
    });
    assertThat(loaded.cluster().objects()).extracting(o -> o.path("reason").asText()).contains("BackOff");
  }

  @Test
  void anEventMustBeAboutAnObjectOfTheScenarioInItsNamespaceAndEndAfterItStarts() {
    ObjectNode s = withPodAndEvent();
    ArrayNode objects = (ArrayNode) s.get("cluster").get("objects");
    ObjectNode ghost = objects.get(1).deepCopy();
    ((ObjectNode) ghost.get("metadata")).put("name", "ghost.1879f2a1c3d4e5f7");
    ((ObjectNode) ghost.get("involvedObject")).put("name", "ghost");
    ghost.put("lastTimestamp", "2026-11-21T03:00:00Z");
    objects.add(ghost);
    ObjectNode elsewhere = objects.get(1).deepCopy();
    ((ObjectNode) elsewhere.get("metadata")).put("name", "orders.1879f2a1c3d4e5f8");
    ((ObjectNode) elsewhere.get("involvedObject")).put("namespace", "payments");
    elsewhere.put("type", "Error");
    objects.add(elsewhere);

    assertThat(ScenarioLoader.lint("mine.json", Json.write(s)).problems()).containsExactlyInAnyOrder(
        "$.cluster.objects[2].involvedObject: Pod/shop/ghost is not in cluster.objects",
        "$.cluster.objects[2].lastTimestamp: 2026-11-21T03:00:00Z is before firstTimestamp 2026-11-21T03:05:14Z",
        "$.cluster.objects[3].involvedObject.namespace: payments differs from the event's namespace shop "
            + "(the API server keeps an event in the namespace of the object it is about)",
        "$.cluster.objects[3].involvedObject: Pod/payments/orders-7d9c-x2k4p is not in cluster.objects",
        "$.cluster.objects[3].type: does not have a value in the enumeration [\"Warning\", \"Normal\"]");
  }

  @Test
  void aPodLogBelongsToAContainerOfAPodOfTheScenarioAndOnlyARestartedOneHasAPreviousLog() {
    ObjectNode s = withPodAndEvent();
    ((ObjectNode) s.get("cluster").get("objects").get(0).get("status").get("containerStatuses").get(0)).put("restartCount", 0)
        .remove("lastState");
    ArrayNode logs = s.putArray("podLogs");
    logs.addObject().put("namespace", "shop").put("pod", "orders-gone").put("container", "orders").putArray("current");
    logs.addObject().put("namespace", "shop").put("pod", "orders-7d9c-x2k4p").put("container", "sidecar").putArray("current");
    ObjectNode previous = logs.addObject().put("namespace", "shop").put("pod", "orders-7d9c-x2k4p").put("container", "orders");
    previous.putArray("current");
    previous.putArray("previous").add("bye");
    logs.add(previous.deepCopy().without("previous"));

    assertThat(ScenarioLoader.lint("mine.json", Json.write(s)).problems()).containsExactly(
        "$.podLogs[0].pod: Pod/shop/orders-gone is not in cluster.objects",
        "$.podLogs[1].container: Pod/shop/orders-7d9c-x2k4p has no container sidecar (it has [orders])",
        "$.podLogs[2].previous: container orders of Pod/shop/orders-7d9c-x2k4p shows no restart (restartCount 0, "
            + "no lastState.terminated), so there is no previous instance to log",
        "$.podLogs[3]: a second log for container orders of Pod/shop/orders-7d9c-x2k4p");
  }

  /** {@link #valid()} with a pod that restarted and a BackOff event about it. */
  public static ObjectNode withPodAndEvent() {
    ObjectNode s = valid();
    s.withObject("alarm").put("StateChangeTime", "2026-11-21T03:15:12.345+0000");
    ArrayNode objects = (ArrayNode) s.get("cluster").get("objects");
    ObjectNode pod = objects.addObject().put("apiVersion", "v1").put("kind", "Pod");
    pod.putObject("metadata").put("name", "orders-7d9c-x2k4p").put("namespace", "shop");
    pod.putObject("spec").putArray("containers").addObject().put("name", "orders").put("image", "orders:1.4.2")
        .putArray("command").add("java").add("-jar").add("/app/app.jar");
    ObjectNode status = pod.putObject("status").put("phase", "Running").putArray("containerStatuses").addObject()
        .put("name", "orders").put("restartCount", 4);
    status.putObject("lastState").putObject("terminated").put("reason", "OOMKilled").put("exitCode", 137)
        .put("finishedAt", "2026-11-21T03:14:02Z");
    ObjectNode event = objects.addObject().put("apiVersion", "v1").put("kind", "Event").put("type", "Warning")
        .put("reason", "BackOff").put("message", "Back-off restarting failed container orders in pod orders-7d9c-x2k4p_shop")
        .put("count", 9).put("firstTimestamp", "2026-11-21T03:05:14Z").put("lastTimestamp", "2026-11-21T03:15:09Z");
    event.putObject("metadata").put("name", "orders-7d9c-x2k4p.1879f2a1c3d4e5f6").put("namespace", "shop");
    event.putObject("involvedObject").put("kind", "Pod").put("namespace", "shop").put("name", "orders-7d9c-x2k4p");
    return s;
  }

  @Test
  void brokenJsonSaysWhere() {
    assertThatThrownBy(() -> ScenarioLoader.parse("mine.json", "{\n  \"name\": \"x\",,\n}"))
        .hasMessageContaining("not valid JSON")
        .hasMessageContaining("line 2");
  }

  @Test
  void aMissingFileOrUnknownNameIsAClearError(@TempDir Path dir) {
    assertThatThrownBy(() -> ScenarioLoader.file(dir.resolve("nope.json"))).hasMessageContaining("file not found");
    assertThatThrownBy(() -> ScenarioLoader.bundled("nope")).hasMessageContaining("bundled: cpu-spike, pod-restarts");
  }

  @Test
  void aValidFileOfTheUsersOwnLoads(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("mine.json");
    Files.writeString(file, Json.write(valid()));

    assertThat(ScenarioLoader.file(file).name()).isEqualTo("mine");
  }

  public static ObjectNode valid() {
    ObjectNode s = Json.object().put("name", "mine").put("description", "my own incident");
    s.putObject("alarm").put("AlarmName", "my-alarm").put("NewStateValue", "ALARM");
    s.putObject("cluster").put("name", "c1").putArray("objects");
    ObjectNode m = s.putArray("metrics").addObject().put("metricName", "pod_cpu_utilization");
    m.putObject("dimensions").put("ClusterName", "c1");
    ArrayNode points = m.putArray("points");
    points.addArray().add(-1).add(10.0);
    points.addArray().add(0).add(95.0);
    s.putObject("expected").put("rootCauseCategory", "unknown").put("remediation", "none").put("closed", false);
    return s;
  }
}
