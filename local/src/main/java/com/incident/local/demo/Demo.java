package com.incident.local.demo;

import com.incident.common.incident.AnalysisResult;
import com.incident.common.incident.ChaosScenario;
import com.incident.common.incident.IssueMarkers;
import com.incident.common.tool.ToolNames;
import com.incident.common.tool.result.ChaosCleanupResult;
import com.incident.common.tool.result.StructuredContent;
import com.incident.local.sandbox.LocalChat;
import com.incident.local.sandbox.LocalDatadog;
import com.incident.local.sandbox.Sandbox;
import com.incident.local.sandbox.SandboxCluster;
import com.incident.local.sandbox.ToolRecorder;
import com.incident.local.scenario.Scenario;
import com.incident.tools.github.fake.FakeGitHub;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs a scenario end to end in a fresh sandbox and checks its expectations. */
public final class Demo {
  /** The issue footer agent-runtime writes: the run's own figures. */
  private static final Pattern FOOTER = Pattern.compile(
      "턴: (\\d+) · 도구 호출: (\\d+) · 토큰 입력/출력/캐시: (\\d+)/(\\d+)/(\\d+)");
  static final Duration SESSION_TIMEOUT = Duration.ofSeconds(180);

  private Demo() {}

  public static DemoResult run(Scenario scenario, Sandbox.Options options, PrintStream log) {
    return run(scenario, options, null, log).result();
  }

  /** A run and, with an approver, the approval it played. */
  public record Run(DemoResult result, Optional<ApprovalLoop> approval) {}

  /**
   * Runs the scenario; with {@code approveAs} (REMEDIATION_MODE approval), after each notification the first incident
   * waiting for approval gets {@code approveAs}'s {@code /approve} as a signed webhook delivery, once ({@code approveAs}
   * has write access on the fake repository).
   */
  public static Run run(Scenario scenario, Sandbox.Options options, String approveAs, PrintStream log) {
    long start = System.nanoTime();
    try (Sandbox sandbox = Sandbox.start(scenario, options, log)) {
      Optional<ApprovalLoop> approval = Optional.empty();
      for (Scenario.FollowUp n : scenario.notifications()) {
        sandbox.deliver(n, SESSION_TIMEOUT);
        if (approveAs != null && approval.isEmpty()) {
          approval = ApprovalLoop.approveWaiting(sandbox, approveAs, true, SESSION_TIMEOUT);
        }
      }
      // As seeded: no tool could change the cluster before its seed was complete.
      SandboxCluster.State before = sandbox.cluster().seededState();
      List<String> changed = List.copyOf(before.changedWorkloads(sandbox.cluster().state()));
      long wallMs = (System.nanoTime() - start) / 1_000_000;
      return new Run(result(sandbox, options, changed, wallMs), approval);
    }
  }

  static DemoResult result(Sandbox sandbox, Sandbox.Options options, List<String> changed, long wallMs) {
    Scenario scenario = sandbox.scenario();
    List<DemoResult.Issue> issues = new ArrayList<>();
    List<AnalysisResult> analyses = new ArrayList<>();
    int turns = 0;
    int toolCalls = 0;
    long in = 0;
    long out = 0;
    for (FakeGitHub.Issue i : sandbox.github().issues()) {
      DemoResult.Issue issue = DemoResult.Issue.of(i);
      issues.add(issue);
      List<String> texts = new ArrayList<>(issue.comments());
      texts.addFirst(i.body);
      for (String text : texts) {
        IssueMarkers.analysis(text).ifPresent(analyses::add);
        Matcher m = FOOTER.matcher(text);
        if (m.find()) {
          turns += Integer.parseInt(m.group(1));
          toolCalls += Integer.parseInt(m.group(2));
          in += Long.parseLong(m.group(3));
          out += Long.parseLong(m.group(4));
        }
      }
    }
    List<DemoResult.Action> actions = new ArrayList<>();
    List<String> toolOutputs = new ArrayList<>();
    long evidenceBytes = 0;
    for (ToolRecorder.Call c : sandbox.tools().calls()) {
      String text = c.response().path("content").valueStream().map(b -> b.path("text").asText("")).reduce("", String::concat);
      toolOutputs.add(text);
      if (isEvidence(c.tool())) {
        evidenceBytes += text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
      }
      if (ToolNames.CHAOS_CLEANUP.equals(c.tool()) && !c.response().path("isError").asBoolean(false)) {
        ChaosCleanupResult report = StructuredContent.read(c.response().path("structuredContent"), ChaosCleanupResult.class);
        for (ChaosCleanupResult.Action a : report.actions()) {
          actions.add(new DemoResult.Action(a.scenario().id(), a.kind(), a.namespace(), a.name(), a.action().id(),
              a.status().id(), a.reason()));
        }
      }
    }
    List<String> modelInputs = sandbox.bedrock() == null ? List.of() : sandbox.bedrock().requests();
    String model = switch (options.model()) {
      case OFFLINE -> "offline (rule-based)";
      case SCRIPTED -> "scripted-bedrock";
      case BEDROCK -> "bedrock";
    };
    List<String> secrets = new ArrayList<>(List.of(sandbox.githubToken(), sandbox.cognito().clientSecret()));
    secrets.addAll(LocalDatadog.secrets());
    secrets.addAll(List.of(sandbox.chat().slackToken(), sandbox.chat().discordWebhookUrl()));
    DemoResult draft = new DemoResult(scenario, model, issues, analyses, actions, changed, List.of(),
        new DemoResult.Stats(turns, toolCalls, in, out, evidenceBytes, wallMs), modelInputs, toolOutputs, secrets);
    // Both destinations are told of an event at once, so their arrivals interleave at random: Slack's thread first,
    // then Discord's messages, each in the incident's order.
    List<LocalChat.Message> chat = sandbox.chat().messages().stream()
        .sorted(java.util.Comparator.comparingInt(m -> m.platform().equals("slack") ? 0 : 1)).toList();
    return new DemoResult(scenario, model, issues, analyses, actions, changed, unmet(draft), draft.stats(), modelInputs,
        toolOutputs, secrets, chat);
  }

  private static boolean isEvidence(String tool) {
    return tool.startsWith("container-insight") || tool.startsWith("opensearch") || tool.startsWith("datadog");
  }

  /** Every expectation of the scenario that the run did not meet, in words; empty when all were met. */
  static List<String> unmet(DemoResult r) {
    Scenario.Expected e = r.scenario().expected();
    List<String> unmet = new ArrayList<>();
    if (r.issues().size() != e.issueCount()) {
      unmet.add("expected " + e.issueCount() + " issue(s), found " + r.issues().size());
    }
    AnalysisResult analysis = r.analyses().isEmpty() ? null : r.analyses().getFirst();
    if (analysis == null) {
      unmet.add("no analysis was recorded on the issue");
    } else if (analysis.topCategory() != e.rootCauseCategory()) {
      unmet.add("root cause " + analysis.topCategory().id() + ", expected " + e.rootCauseCategory().id());
    }
    Set<String> applied = new HashSet<>();
    r.applied().forEach(a -> applied.add(a.scenario()));
    if (e.remediation() == ChaosScenario.NONE) {
      if (!applied.isEmpty()) {
        unmet.add("expected no remediation, but chaos-cleanup did " + applied);
      }
    } else if (!applied.equals(Set.of(e.remediation().id()))) {
      unmet.add("expected remediation " + e.remediation().id() + " done, done: " + applied);
    }
    List<String> allowed = e.changedOrDefault();
    if (allowed != null) {
      if (!new TreeSet<>(r.changed()).equals(new TreeSet<>(allowed))) {
        unmet.add("expected exactly " + new TreeSet<>(allowed) + " to change in the cluster, changed: " + r.changed());
      }
      r.applied().stream().map(DemoResult.Action::target).filter(t -> !allowed.contains(t))
          .forEach(t -> unmet.add("chaos-cleanup changed " + t + ", which the scenario does not expect to change"));
    } else if (e.remediation() != ChaosScenario.NONE && !r.clusterChanged()) {
      unmet.add("expected remediation " + e.remediation().id() + ", but nothing in the cluster changed");
    }
    boolean closed = !r.issues().isEmpty() && r.issues().stream().allMatch(i -> "closed".equals(i.state()));
    if (closed != e.closed()) {
      unmet.add("expected the issue " + (e.closed() ? "closed" : "open") + ", it is " + (closed ? "closed" : "open"));
    }
    return unmet;
  }
}
