package com.incident.agent.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.incident.agent.gateway.McpClientGateway;
import com.incident.agent.notify.IncidentEvent;
import com.incident.agent.testing.Converse;
import com.incident.agent.testing.FakeGitHub;
import com.incident.agent.testing.Harness;
import com.incident.agent.testing.LoopbackGateway;
import com.incident.agent.testing.ToolResults;
import com.incident.common.incident.AgentRequest;
import com.incident.common.incident.AnalysisMode;
import com.incident.common.incident.IssueCommand;
import com.incident.common.incident.RemediationMode;
import com.incident.common.testing.LogCapture;
import com.incident.common.tool.ToolNames;
import com.incident.store.IncidentStatus;
import com.incident.store.RemediationPlan;
import com.incident.tools.chaos.Config;
import com.incident.tools.chaos.Wiring;
import com.incident.tools.chaos.fixtures.ControllerSimulator;
import com.incident.tools.chaos.fixtures.KubeMock;
import com.incident.tools.chaos.fixtures.RetailStoreCluster;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * REMEDIATION_MODE approval end to end at the wire: the real MCP gateway with the real chaos-cleanup over the
 * fabric8 mock (CRUD), the stateful GitHub fake with collaborator permissions, and the incident store on DynamoDB
 * Local. Each command is an AgentRequest in mode command, as the webhook function forwards it.
 */
class ApprovalWorkflowTest {
  private static final String NS = "default";
  private static final String PLAN = "## 🙋 복구 승인 요청";
  private static final String REMEDIATION = "## 🤖 자동 복구 조치";
  private static final String INCIDENT = Harness.request(AnalysisMode.ANALYZE).incidentId();

  private final Harness h = new Harness();
  private final List<IncidentEvent> events = new CopyOnWriteArrayList<>();
  private final AtomicInteger deliveries = new AtomicInteger();
  private KubeMock kube;
  private KubernetesClient client;
  private IncidentWorkflow workflow;

  @BeforeEach
  void clusterWithAStressWorkloadNextToUi() {
    kube = KubeMock.start();
    client = kube.client();
    RetailStoreCluster cluster = new RetailStoreCluster(client).seedApp(NS);
    cluster.stressDeployment(NS, "cpu-stress");
    h.gateway.target(ToolNames.Target.CHAOS, Wiring.production(
        new Config(List.of(NS), 5, RemediationMode.APPROVAL, Duration.ofSeconds(20)), new Wiring.Overrides(client, null)));
    // The alarmed pod's CPU follows the cluster: hot while the load generator exists.
    h.gateway.tool(ToolNames.POD_METRICS, LoopbackGateway.schema("cluster_name"), args -> {
      double cpu = deployment("cpu-stress") != null ? 92.4 : 20.1;
      return LoopbackGateway.result("pod default/ui: pod_cpu_utilization last " + cpu,
          ToolResults.json(ToolResults.podMetrics(Map.of("default/ui", cpu))));
    });
    workflow = new IncidentWorkflow(McpClientGateway.connector(h.gateway.uri(), Harness.TOKENS), h.model(Harness.MODEL),
        h.store, h.clock, Harness.settings().withRemediationMode(RemediationMode.APPROVAL), h.metrics, h.sleeps::add,
        ModelBudget.Limits.DEFAULT, null, events::add);
  }

  @AfterEach
  void close() {
    h.close();
    kube.close();
  }

  @Test
  void theAnalysisPostsAPlanWithItsHashAndExpiryAndChangesNothing() {
    String before = clusterState();

    IncidentWorkflow.Report report = analyze();

    FakeGitHub.Issue issue = h.github.only();
    String plan = comment(issue, PLAN);
    String hash = pendingPlan().planHash();
    assertThat(plan).contains("`Deployment default/cpu-stress`", "삭제", "stress-ng", "kubectl", "`" + hash + "`",
        "/approve", "/승인", "/reject", "/거절", "KST (", "UTC)");
    assertThat(pendingPlan().expiresAt()).isEqualTo(pendingPlan().createdAt().plus(Duration.ofMinutes(60)));
    assertThat(h.store.incident(INCIDENT).orElseThrow().status()).isEqualTo(IncidentStatus.AWAITING_APPROVAL);
    assertThat(report.outcome()).isEqualTo("analyzed, remediation plan awaiting approval");
    assertThat(issue.closed).isFalse();
    assertThat(clusterState()).isEqualTo(before);
    assertThat(events).filteredOn(e -> e instanceof IncidentEvent.ApprovalRequested).singleElement()
        .satisfies(e -> assertThat(((IncidentEvent.ApprovalRequested) e).planHash()).isEqualTo(hash));
  }

  @Test
  void anApprovalByAWriterRunsExactlyThePlanThenVerifiesAndCloses() throws Exception {
    analyze();
    String hash = pendingPlan().planHash();
    h.github.permission("alice", "write");

    IncidentWorkflow.Report report;
    long handedOver;
    try (var controllers = ControllerSimulator.start(client, NS); var logs = new LogCapture()) {
      handedOver = System.nanoTime();
      report = run(command(IssueCommand.Kind.APPROVE, "alice", null));
      assertThat(logs.lines()).anySatisfy(line -> assertThat(line)
          .contains("remediation-audit decision=approved", "approved_by=alice", "plan=" + hash));
      assertThat(logs.lines()).anySatisfy(line -> assertThat(line).contains("chaos-audit", "status=done", "approved_by=alice"));
    }

    FakeGitHub.Issue issue = h.github.only();
    String remediation = comment(issue, REMEDIATION);
    assertThat(remediation).contains("- 승인: @alice (", "`" + hash + "`");
    assertThat(issue.closed).isTrue();
    assertThat(deployment("cpu-stress")).isNull();
    assertThat(deployment("ui")).isNotNull();
    assertThat(report.recovered()).isTrue();
    assertThat(h.store.incident(INCIDENT).orElseThrow().status()).isEqualTo(IncidentStatus.RESOLVED);
    assertThat(pendingPlan()).returns(RemediationPlan.State.APPROVED, RemediationPlan::state)
        .returns("alice", RemediationPlan::decidedBy);
    assertThat(events).filteredOn(e -> e instanceof IncidentEvent.Remediated).singleElement()
        .satisfies(e -> assertThat(((IncidentEvent.Remediated) e).approver()).isEqualTo("alice"));
    assertThat(h.gateway.calls(ToolNames.CHAOS_CLEANUP)).last()
        .satisfies(c -> assertThat(c.arguments().path("expected_plan_hash").asText()).isEqualTo(hash));
    assertThat(h.github.permissionCalls()).containsExactly("alice");
    long commented = issue.commentedAtNanos.get(issue.comments.indexOf(remediation));
    System.out.printf("MEASURED /approve AgentRequest handed to the agent -> remediation comment: %d ms%n",
        Duration.ofNanos(commented - handedOver).toMillis());
  }

  @Test
  void aReaderGetsAPoliteReplyAndNothingChanges() {
    analyze();
    h.github.permission("bob", "read");
    String before = clusterState();

    run(command(IssueCommand.Kind.APPROVE, "bob", null));

    String reply = last(h.github.only());
    assertThat(reply).contains("@bob 님", "쓰기(write)", "`read`", "아무것도 실행하지 않았습니다");
    assertThat(clusterState()).isEqualTo(before);
    assertThat(pendingPlan().state()).isEqualTo(RemediationPlan.State.PENDING);
    assertThat(h.store.incident(INCIDENT).orElseThrow().status()).isEqualTo(IncidentStatus.AWAITING_APPROVAL);
    assertThat(h.gateway.calls(ToolNames.CHAOS_CLEANUP)).hasSize(1);
  }

  @Test
  void anObjectChangedAfterThePlanMakesTheApprovalDoNothing() {
    analyze();
    h.github.permission("alice", "admin");
    Deployment stress = deployment("cpu-stress");
    client.resource(new DeploymentBuilder(stress).editSpec().withReplicas(3).endSpec().build()).update();
    String before = clusterState();

    IncidentWorkflow.Report report = run(command(IssueCommand.Kind.APPROVE, "alice", null));

    assertThat(last(h.github.only())).contains("## ⚠️ 승인한 계획과 현재 상태가 다릅니다", "**아무것도 실행하지 않았습니다**");
    assertThat(report.outcome()).isEqualTo("approved plan changed; nothing done");
    assertThat(clusterState()).isEqualTo(before);
    assertThat(deployment("cpu-stress").getSpec().getReplicas()).isEqualTo(3);
    assertThat(h.github.only().closed).isFalse();
    assertThat(h.store.incident(INCIDENT).orElseThrow().status()).isEqualTo(IncidentStatus.OPEN);
  }

  @Test
  void anExpiredPlanIsNotRun() {
    analyze();
    h.github.permission("alice", "write");
    String before = clusterState();
    h.clock.advance(Duration.ofMinutes(61));

    run(command(IssueCommand.Kind.APPROVE, "alice", null));

    assertThat(last(h.github.only())).contains("## ⌛ 승인 기한이 지났습니다", "@alice");
    assertThat(clusterState()).isEqualTo(before);
    assertThat(pendingPlan().state()).isEqualTo(RemediationPlan.State.PENDING);
    assertThat(h.github.permissionCalls()).isEmpty();
  }

  @Test
  void aPlanForAnIncidentThatRecoveredOnItsOwnIsNotRun() {
    analyze();
    h.github.permission("alice", "write");
    h.store.markResolved(INCIDENT, h.clock.instant(), h.clock.instant());
    String before = clusterState();

    run(command(IssueCommand.Kind.APPROVE, "alice", null));

    assertThat(last(h.github.only())).contains("## ℹ️ 이미 해결된 인시던트입니다", "@alice");
    assertThat(clusterState()).isEqualTo(before);
    assertThat(pendingPlan().state()).isEqualTo(RemediationPlan.State.PENDING);
  }

  @Test
  void twoConcurrentApprovalsRunThePlanExactlyOnce() throws Exception {
    analyze();
    h.github.permission("alice", "write").permission("carol", "maintain");
    List<IncidentWorkflow.Report> reports = new ArrayList<>();
    try (var controllers = ControllerSimulator.start(client, NS); ExecutorService pool = Executors.newFixedThreadPool(2)) {
      AgentRequest first = command(IssueCommand.Kind.APPROVE, "alice", null);
      AgentRequest second = command(IssueCommand.Kind.APPROVE, "carol", null);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<IncidentWorkflow.Report>> runs = List.of(
          pool.submit(() -> { go.await(); return run(first); }),
          pool.submit(() -> { go.await(); return run(second); }));
      go.countDown();
      for (Future<IncidentWorkflow.Report> f : runs) {
        reports.add(f.get());
      }
    }

    assertThat(h.gateway.calls(ToolNames.CHAOS_CLEANUP)).filteredOn(c -> c.arguments().has("expected_plan_hash")).hasSize(1);
    FakeGitHub.Issue issue = h.github.only();
    assertThat(issue.comments).filteredOn(c -> c.startsWith(REMEDIATION)).hasSize(1);
    assertThat(issue.comments).filteredOn(c -> c.startsWith("## ℹ️ 이미 결정된 계획입니다")).hasSize(1);
    assertThat(reports).filteredOn(IncidentWorkflow.Report::recovered).hasSize(1);
    assertThat(deployment("cpu-stress")).isNull();
  }

  @Test
  void aRejectionDropsThePlanAndLeavesTheIncidentToPeople() {
    analyze();
    h.github.permission("carol", "write").permission("alice", "write");
    String before = clusterState();

    run(command(IssueCommand.Kind.REJECT, "carol", null));
    run(command(IssueCommand.Kind.APPROVE, "alice", null));

    List<String> comments = h.github.only().comments;
    assertThat(comments.get(comments.size() - 2)).contains("## 🛑 복구 계획을 거절했습니다", "@carol", "**조치 필요**");
    assertThat(comments.getLast()).contains("이미 결정된 계획", "@carol 님이", "거절했습니다");
    assertThat(clusterState()).isEqualTo(before);
    assertThat(h.store.incident(INCIDENT).orElseThrow()).returns(IncidentStatus.OPEN, i -> i.status())
        .returns("remediation plan rejected by carol", i -> i.failureReason());
    assertThat(pendingPlan()).returns(RemediationPlan.State.REJECTED, RemediationPlan::state)
        .returns("carol", RemediationPlan::decidedBy);
    assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(IncidentEvent.NeedsAction.class));
  }

  @Test
  void aReanalysisPostsAFreshAnalysisOnTheSameIssueAtMostOncePerTenMinutes() {
    analyze();
    h.bedrock.enqueue(Converse.submit(Converse.stressAnalysis("stress-workload")));
    int modelCalls = h.bedrock.getRequestCount();

    run(command(IssueCommand.Kind.REANALYZE, "dave", null));
    h.clock.advance(Duration.ofMinutes(3));
    run(command(IssueCommand.Kind.REANALYZE, "dave", null));

    assertThat(h.github.issues()).hasSize(1);
    List<String> comments = h.github.only().comments;
    assertThat(comments.get(comments.size() - 2)).startsWith("## 🔁 재분석").contains("@dave", "## 🔍 근본 원인 분석");
    assertThat(comments.getLast()).contains("## ⏳ 재분석은 잠시 후에 가능합니다", "KST (");
    assertThat(h.bedrock.getRequestCount()).isEqualTo(modelCalls + 1);
  }

  @Test
  void feedbackIsStoredLabelledAndCountedPerCategory() {
    analyze();
    h.github.permission("erin", "write");

    run(command(IssueCommand.Kind.FEEDBACK_WRONG, "erin", "traffic-surge"));

    FakeGitHub.Issue issue = h.github.only();
    assertThat(issue.labels).contains("feedback:wrong", "feedback:category:traffic-surge").doesNotContain("feedback:correct");
    assertThat(last(issue)).contains("## 📝 피드백을 기록했습니다", "**틀렸고**", "`traffic-surge`");
    assertThat(h.store.review(INCIDENT).orElseThrow().feedback()).singleElement().satisfies(f -> {
      assertThat(f.login()).isEqualTo("erin");
      assertThat(f.judged()).isEqualTo("cpu-stress-workload");
      assertThat(f.corrected()).isEqualTo("traffic-surge");
    });
    assertThat(h.metrics.metrics).filteredOn(m -> m.name().equals("AnalysisFeedback")).singleElement()
        .satisfies(m -> assertThat(m.dimensions()).containsEntry("Category", "cpu-stress-workload")
            .containsEntry("Verdict", "wrong"));
    assertThat(h.metrics.value("AnalysisAccuracy")).isZero();

    run(command(IssueCommand.Kind.FEEDBACK_CORRECT, "erin", null));

    assertThat(issue.labels).contains("feedback:correct").doesNotContain("feedback:wrong");
    assertThat(h.metrics.value("AnalysisAccuracy")).isEqualTo(1);
  }

  @Test
  void anUnknownCategoryIsExplainedAndNothingIsStored() {
    analyze();
    h.github.permission("erin", "write");

    run(command(IssueCommand.Kind.FEEDBACK_WRONG, "erin", "cpu"));

    assertThat(last(h.github.only())).contains("`cpu`", "`traffic-surge`", "`bad-image-rollout`");
    assertThat(h.github.only().labels).noneMatch(l -> l.startsWith("feedback:"));
    assertThat(h.store.review(INCIDENT).orElseThrow().feedback()).isEmpty();
    assertThat(h.metrics.metrics).noneMatch(m -> m.name().equals("AnalysisFeedback"));
  }

  @Test
  void anUnknownCommandGetsTheCommandList() {
    analyze();

    run(command(IssueCommand.Kind.UNKNOWN, "frank", "/deploy now"));

    assertThat(last(h.github.only())).contains("## ❓ 알 수 없는 명령입니다", "`/deploy now`", "`/approve`", "`/reanalyze`");
  }

  private IncidentWorkflow.Report analyze() {
    h.bedrock.enqueue(Converse.submit(Converse.stressAnalysis("stress-workload")));
    return workflow.run(Harness.request(AnalysisMode.ANALYZE), Deadline.in(h.clock, Duration.ofMinutes(14)));
  }

  private IncidentWorkflow.Report run(AgentRequest request) {
    return workflow.run(request, Deadline.in(h.clock, Duration.ofMinutes(14)));
  }

  private AgentRequest command(IssueCommand.Kind kind, String login, String argument) {
    int n = deliveries.incrementAndGet();
    int issue = h.github.only().number;
    return new AgentRequest("cmd-" + issue + "-delivery-" + n, "github-webhook", AnalysisMode.COMMAND, INCIDENT, null,
        null, h.clock.instant(), new IssueCommand(kind, issue, 7_000_000L + n, login, argument, "delivery-" + n,
            h.clock.instant()));
  }

  private RemediationPlan pendingPlan() {
    return h.store.review(INCIDENT).orElseThrow().plan();
  }

  private Deployment deployment(String name) {
    return client.apps().deployments().inNamespace(NS).withName(name).get();
  }

  /** Every Deployment's spec as the API server holds it. */
  private String clusterState() {
    return client.apps().deployments().inAnyNamespace().list().getItems().stream()
        .map(d -> d.getMetadata().getNamespace() + "/" + d.getMetadata().getName() + " " + d.getSpec())
        .sorted().toList().toString();
  }

  private static String comment(FakeGitHub.Issue issue, String heading) {
    return issue.comments.stream().filter(c -> c.startsWith(heading)).findFirst()
        .orElseThrow(() -> new AssertionError("no comment " + heading + " in " + issue.comments));
  }

  private static String last(FakeGitHub.Issue issue) {
    return issue.comments.getLast();
  }
}
