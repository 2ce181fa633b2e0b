package com.incident.agent.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.incident.agent.testing.Converse;
import com.incident.agent.testing.FakeGitHub;
import com.incident.agent.testing.Harness;
import com.incident.agent.testing.K8sResults;
import com.incident.agent.testing.LoopbackGateway;
import com.incident.common.incident.AgentRequest;
import com.incident.common.incident.AlarmDetails;
import com.incident.common.incident.AnalysisMode;
import com.incident.common.json.Json;
import com.incident.common.tool.ToolNames;
import com.incident.common.tool.result.K8sWorkloadResult;
import com.incident.store.AlarmScope;
import com.incident.store.Correlated;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Alarms that joined an open incident, through the real store (DynamoDB Local), gateway and GitHub fake. */
class CorrelatedAlarmsTest {
  private static final Duration WINDOW = Duration.ofMinutes(15);
  private final Harness h = new Harness();
  private final AgentRequest opener = Harness.request(AnalysisMode.ANALYZE);

  @BeforeEach
  void quietClusterAndOpenTheIncident() {
    h.cluster.quiet();
    AlarmDetails a = opener.alarm();
    h.store.correlate(new AlarmScope(a.alarmName(), a.clusterName(), Set.of(), Set.of(), Set.of(K8sResults.NODE),
        Set.of(), a.stateChangeTime(), "ContainerInsights/node_cpu_utilization"), Json.write(a), opener.incidentId(),
        opener.sessionId(), WINDOW, h.clock.instant());
  }

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void anAlarmThatJoinedDuringTheAnalysisIsInItsEvidenceTimelineAndOneComment() throws Exception {
    AgentRequest joined = join("pod-a-cpu", "shop", 60);
    h.bedrock.enqueue(Converse.submit(Converse.stressAnalysis("none")));

    h.workflow(Harness.settings()).run(opener, Deadline.in(h.clock, Duration.ofMinutes(14)));
    IncidentWorkflow.Report late = run(joined);

    String firstRequest = h.bedrock.takeRequest().getBody().utf8();
    assertThat(firstRequest).contains("같은 인시던트로 묶인 연관 알람", "pod-a-cpu");
    FakeGitHub.Issue issue = h.github.only();
    assertThat(issue.comments).filteredOn(c -> c.startsWith("## 🔗 연관 알람")).hasSize(1).first().asString()
        .contains("`pod-a-cpu`", "KST (", "UTC)", "`ContainerInsights/pod_cpu_utilization`", "묶은 이유", "노드 알람");
    assertThat(issue.body).contains("| 연관 알람 | 연관 알람 pod-a-cpu 합류 |");
    assertThat(late.outcome()).as("the analysis had it in its evidence: no follow-up")
        .isEqualTo("related alarm already commented");
    assertThat(h.bedrock.getRequestCount()).isEqualTo(1);
  }

  @Test
  void alarmsWideningAnAnalysedIncidentGetTheirCommentsAndExactlyOneFollowUpAnalysis() {
    h.bedrock.enqueue(Converse.submit(Converse.stressAnalysis("none")));
    h.workflow(Harness.settings()).run(opener, Deadline.in(h.clock, Duration.ofMinutes(14)));
    h.bedrock.enqueue(Converse.submit(Converse.stressAnalysis("none")));

    IncidentWorkflow.Report first = run(join("pod-a-cpu", "shop", 60));
    IncidentWorkflow.Report second = run(join("pod-b-cpu", "billing", 90));
    IncidentWorkflow.Report third = run(join("pod-c-cpu", "search", 100));

    assertThat(first.outcome()).isEqualTo("related alarm commented, follow-up analysis posted");
    assertThat(second.outcome()).isEqualTo("related alarm commented");
    assertThat(third.outcome()).isEqualTo("related alarm commented");
    FakeGitHub.Issue issue = h.github.only();
    assertThat(issue.comments).filteredOn(c -> c.startsWith("## 🔗 연관 알람")).hasSize(3);
    assertThat(issue.comments).filteredOn(c -> c.startsWith("## 🔁 연관 알람 반영 재분석")).hasSize(1);
    assertThat(h.bedrock.getRequestCount()).as("one analysis, one follow-up").isEqualTo(2);
    assertThat(h.store.incident(opener.incidentId()).orElseThrow().spend().modelCalls()).isEqualTo(2);
  }

  @Test
  void anAlarmJoiningAfterTheAnalysisReadTheIncidentGetsTheOneFollowUpFromTheAnalysis() {
    AtomicReference<AgentRequest> late = new AtomicReference<>();
    h.bedrock.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        // The alarm joins while the model thinks: after the analysis read the incident's related alarms.
        if (late.get() == null) {
          late.set(join("pod-b-cpu", "billing", 90));
        }
        return Converse.submit(Converse.stressAnalysis("none"));
      }
    });

    h.workflow(Harness.settings()).run(opener, Deadline.in(h.clock, Duration.ofMinutes(14)));
    IncidentWorkflow.Report own = run(late.get());

    FakeGitHub.Issue issue = h.github.only();
    assertThat(issue.comments).filteredOn(c -> c.startsWith("## 🔗 연관 알람")).singleElement().asString()
        .contains("`pod-b-cpu`");
    assertThat(issue.comments).filteredOn(c -> c.startsWith("## 🔁 연관 알람 반영 재분석")).singleElement().asString()
        .contains("`pod-b-cpu`");
    assertThat(own.outcome()).isEqualTo("related alarm already commented");
    assertThat(h.bedrock.getRequestCount()).as("the analysis and its one follow-up").isEqualTo(2);
  }

  @Test
  void aRedeliveredRelatedAlarmSessionDoesNotCommentTwice() {
    h.bedrock.enqueue(Converse.submit(Converse.stressAnalysis("none")));
    h.workflow(Harness.settings()).run(opener, Deadline.in(h.clock, Duration.ofMinutes(14)));
    AgentRequest joined = join("pod-a-cpu", opener.alarm().k8sNamespace(), 60);

    h.bedrock.enqueue(Converse.submit(Converse.stressAnalysis("none")));

    IncidentWorkflow.Report once = run(joined);
    IncidentWorkflow.Report again = run(joined);

    assertThat(once.outcome()).isEqualTo("related alarm commented, follow-up analysis posted");
    assertThat(again.outcome()).isEqualTo("related alarm already commented");
    assertThat(h.github.only().comments).filteredOn(c -> c.startsWith("## 🔗 연관 알람")).hasSize(1);
  }

  @Test
  void aPodAlarmWhosePodsRunOnAnotherNodeMovesToAnIncidentOfItsOwn() {
    h.bedrock.enqueue(Converse.submit(Converse.stressAnalysis("none")));
    h.workflow(Harness.settings()).run(opener, Deadline.in(h.clock, Duration.ofMinutes(14)));
    h.gateway.tool(ToolNames.K8S_DESCRIBE_WORKLOAD, LoopbackGateway.schema("namespace"), args -> LoopbackGateway.typedResult(
        "Deployment shop/ui 1/1", K8sResults.describe(K8sResults.deployment("shop", "ui", 1, 1, Map.of(),
            List.of(K8sResults.revision(3, "ui-5d8f7", "ui:2.1.0", "2026-11-20T09:00:00Z", 1, 1)),
            List.of(new K8sWorkloadResult.Pod("ui-5d8f7-abcde", "Running", "ip-10-0-9-9.us-west-2.compute.internal",
                "ui-5d8f7", true, null, List.of(K8sResults.running("ui", "ui:2.1.0", null)))), List.of(), null))));
    h.bedrock.enqueue(Converse.submit(Converse.stressAnalysis("none")));

    IncidentWorkflow.Report report = run(join("pod-a-cpu", "shop", 60));

    assertThat(h.github.issues()).as("the node's issue and the pod alarm's own").hasSize(2);
    assertThat(h.github.issues().getFirst().comments).noneMatch(c -> c.startsWith("## 🔗 연관 알람"));
    assertThat(h.store.incident(opener.incidentId()).orElseThrow().related()).isEmpty();
    assertThat(report.issueNumber()).isEqualTo(h.github.issues().get(1).number);
    assertThat(h.metrics.value("AlarmsSplit")).isEqualTo(1);
  }

  @Test
  void aPodAlarmWhosePlacementTheClusterCannotTellStaysGrouped() {
    h.bedrock.enqueue(Converse.submit(Converse.stressAnalysis("none")));
    h.workflow(Harness.settings()).run(opener, Deadline.in(h.clock, Duration.ofMinutes(14)));
    h.gateway.tool(ToolNames.K8S_DESCRIBE_WORKLOAD, LoopbackGateway.schema("namespace"),
        args -> LoopbackGateway.typedResult("no workload", K8sResults.describe()));
    h.bedrock.enqueue(Converse.submit(Converse.stressAnalysis("none")));

    run(join("pod-a-cpu", "shop", 60));

    assertThat(h.github.issues()).hasSize(1);
    assertThat(h.github.only().comments).filteredOn(c -> c.startsWith("## 🔗 연관 알람")).hasSize(1);
  }

  private IncidentWorkflow.Report run(AgentRequest request) {
    return h.workflow(Harness.settings()).run(request, Deadline.in(h.clock, Duration.ofMinutes(14)));
  }

  /** A pod alarm of {@code namespace} that joins the incident {@code seconds} after it opened. */
  private AgentRequest join(String name, String namespace, int seconds) {
    AlarmDetails a = opener.alarm();
    Map<String, String> dims = new HashMap<>(a.dimensions());
    dims.put("Namespace", namespace);
    dims.remove("NodeName");
    Instant at = a.stateChangeTime().plusSeconds(seconds);
    AlarmDetails pod = new AlarmDetails(name, a.alarmArn(), a.description(), a.accountId(), a.region(), a.kind(),
        "ALARM", "OK", a.reason(), at, "ContainerInsights", "pod_cpu_utilization", dims, a.statistic(),
        a.periodSeconds(), a.evaluationPeriods(), a.datapointsToAlarm(), a.threshold(), a.comparisonOperator(),
        a.observedValue(), a.metrics(), a.alarmRule());
    Correlated c = h.store.correlate(new AlarmScope(name, a.clusterName(), Set.of(namespace), Set.of(namespace + "/x"),
        Set.of(), Set.of(), at, "ContainerInsights/pod_cpu_utilization"), Json.write(pod), "new-" + name,
        "s-" + name, WINDOW, at);
    assertThat(c).isInstanceOf(Correlated.Joined.class);
    return new AgentRequest("s-" + name + "-" + seconds + "-" + System.identityHashCode(c), "alarm-trigger",
        AnalysisMode.CORRELATED, c.incidentId(), pod, "", at);
  }
}
