package com.incident.agent.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.agent.gateway.Gateway;
import com.incident.agent.gateway.GatewayException;
import com.incident.agent.gateway.GatewayTool;
import com.incident.agent.gateway.ToolOutcome;
import com.incident.agent.model.Documents;
import com.incident.agent.model.ModelClient;
import com.incident.agent.model.ModelException;
import com.incident.common.incident.AnalysisResult;
import com.incident.common.json.Json;
import com.incident.common.redact.Redactor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.bedrockruntime.model.AutoToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.CachePointBlock;
import software.amazon.awssdk.services.bedrockruntime.model.CachePointType;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InferenceConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.SpecificToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.Tool;
import software.amazon.awssdk.services.bedrockruntime.model.ToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.ToolConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.ToolInputSchema;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultStatus;
import software.amazon.awssdk.services.bedrockruntime.model.ToolSpecification;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlock;

/**
 * Steps 4-5: the Converse tool-use loop. The evidence enters the conversation as tool results of a pre-filled
 * assistant turn (data, never instructions); tool calls of one turn run in parallel; turns, tokens and time
 * are bounded, and the last allowed turn forces {@code submit_analysis}.
 *
 * <p>Every answer's {@code stopReason} decides what happens to it: {@code max_tokens} means the last block may be
 * cut off, so nothing in that answer runs and the turn is asked again once with twice the output budget (a second
 * cut ends the loop); {@code guardrail_intervened}, {@code content_filtered} and a context overflow end the loop at
 * once (the runtime falls back to the rule-based analysis and says why in the issue); a turn ended without any
 * tool call is nudged once, the next such turn forces {@code submit_analysis}, so a model that only talks costs
 * three turns, not the turn limit.
 */
public final class AnalysisLoop {
  private static final Logger LOG = LoggerFactory.getLogger(AnalysisLoop.class);
  private static final Duration MODEL_CALL_CAP = Duration.ofMinutes(2);
  private static final Duration MIN_MODEL_BUDGET = Duration.ofSeconds(5);
  static final String NUDGE = "분석을 마치려면 submit_analysis 도구로 결과를 제출하세요.";
  static final String FINISH = "시간/턴 한도에 도달했습니다. 지금까지의 증거로 submit_analysis를 즉시 호출하세요.";
  static final String SUBMIT_NOW = "도구 호출 없이 응답이 끝났습니다. 지금까지의 증거로 submit_analysis를 즉시 호출하세요.";
  /** Prefix of every end reason caused by a stop reason; IssueRenderer words it in Korean. */
  static final String STOPPED = "model stopped: ";

  /** The submitted result (null when none) and why the loop ended. */
  public record Outcome(AnalysisResult result, String endReason) {}

  private final ModelClient model;
  private final WorkflowSettings settings;
  private final Pricing pricing;

  public AnalysisLoop(ModelClient model, WorkflowSettings settings) {
    this(model, settings, settings.pricing());
  }

  /** A loop on a model priced differently from the main one (the cheaper first pass). */
  public AnalysisLoop(ModelClient model, WorkflowSettings settings, Pricing pricing) {
    this.model = model;
    this.settings = settings;
    this.pricing = pricing;
  }

  public String modelId() {
    return model.modelId();
  }

  public Outcome run(Gateway gateway, List<GatewayTool> tools, String incidentText, List<EvidenceCollector.Call> calls,
      Evidence evidence, Deadline deadline, RunStats stats, ModelBudget modelBudget) {
    Set<String> allowed = tools.stream().map(GatewayTool::name).collect(Collectors.toSet());
    List<SystemContentBlock> system = List.of(SystemContentBlock.fromText(SystemPrompt.TEXT),
        SystemContentBlock.fromCachePoint(CachePointBlock.builder().type(CachePointType.DEFAULT).build()));
    List<Tool> toolSpecs = new ArrayList<>();
    for (GatewayTool t : tools) {
      toolSpecs.add(tool(t.name(), t.description(), t.inputSchema()));
    }
    toolSpecs.add(tool(SubmitAnalysis.NAME, SubmitAnalysis.DESCRIPTION, SubmitAnalysis.schema()));
    toolSpecs.add(Tool.fromCachePoint(CachePointBlock.builder().type(CachePointType.DEFAULT).build()));

    List<Message> messages = new ArrayList<>(prefill(incidentText, allowed, calls, evidence));
    String analyzer = "bedrock:" + model.modelId();
    String lastProblems = null;
    int maxTokens = settings.maxOutputTokens();
    boolean budgetRaised = false;
    boolean nudged = false;
    String talkedWithoutTools = null;
    boolean finishAsked = false;
    long fixedChars = SystemPrompt.TEXT.length() + toolSpecs.stream().mapToLong(t -> String.valueOf(t).length()).sum();
    long lastInput = 0;
    long lastOutput = 0;
    long charsAtLastCall = 0;
    for (int turn = 1; ; turn++) {
      Duration budget = deadline.budget(MODEL_CALL_CAP, settings.finalReserve());
      if (budget.compareTo(MIN_MODEL_BUDGET) < 0) {
        return new Outcome(null, "deadline reached before turn " + turn);
      }
      // The incident's budget, one place: the next call's input is the last call's plus what was added since.
      long chars = chars(messages) + FINISH.length();
      long estimate = lastInput == 0 ? (fixedChars + chars) / CHARS_PER_TOKEN
          : lastInput + Math.max(0, chars - charsAtLastCall) / CHARS_PER_TOKEN;
      ModelBudget.Verdict verdict = modelBudget.check(estimate, lastOutput > 0 ? lastOutput : maxTokens / 4, pricing);
      if (verdict == ModelBudget.Verdict.STOP) {
        LOG.warn("Incident model budget does not allow turn {} (about {} input tokens)", turn, estimate);
        return new Outcome(null, ModelBudget.EXHAUSTED + " before turn " + turn + (lastProblems == null ? ""
            : "; last problems: " + lastProblems));
      }
      String finishWhy = verdict == ModelBudget.Verdict.LAST_CALL ? "incident model budget"
          : turn >= settings.maxTurns() ? "turn limit (" + settings.maxTurns() + ")"
          : stats.inputTokens() >= settings.maxInputTokens() ? "input token budget (" + settings.maxInputTokens() + ")"
          : budget.compareTo(settings.toolTimeout().multipliedBy(2)) < 0 ? "deadline approaching"
          : talkedWithoutTools;
      // Added once: a turn repeated after max_tokens, or forced after talk without tools, already carries it.
      if (finishWhy != null && !finishAsked) {
        Message last = messages.removeLast();
        List<ContentBlock> content = new ArrayList<>(last.content());
        content.add(ContentBlock.fromText(FINISH));
        messages.add(last.toBuilder().content(content).build());
        finishAsked = true;
      }
      ConverseResponse response;
      try {
        response = model.converse(request(system, toolSpecs, messages, finishWhy != null, maxTokens), budget);
      } catch (ModelException e) {
        LOG.warn("Model unavailable on turn {}: {}", turn, e.getMessage());
        return new Outcome(null, "model unavailable: " + e.getMessage());
      }
      stats.turn();
      charsAtLastCall = chars;
      if (response.usage() != null) {
        stats.tokens(response.usage().inputTokens(), response.usage().outputTokens(),
            response.usage().cacheReadInputTokens(), response.usage().cacheWriteInputTokens());
        long in = orZero(response.usage().inputTokens());
        long cacheRead = orZero(response.usage().cacheReadInputTokens());
        long cacheWrite = orZero(response.usage().cacheWriteInputTokens());
        lastInput = in + cacheRead + cacheWrite;
        lastOutput = orZero(response.usage().outputTokens());
        modelBudget.record(pricing, in, lastOutput, cacheRead, cacheWrite);
      } else {
        // A model that reports no usage is still counted: at the loop's own estimate.
        lastInput = estimate;
        modelBudget.record(pricing, estimate, 0, 0, 0);
      }
      StopReason stop = response.stopReason();
      if (stop == StopReason.MAX_TOKENS) {
        if (budgetRaised) {
          LOG.warn("Model answer cut at max_tokens again on turn {} ({} tokens); ending the loop", turn, maxTokens);
          return new Outcome(null, STOPPED + "max_tokens again on turn " + turn + " with an output budget of "
              + maxTokens + " tokens");
        }
        budgetRaised = true;
        maxTokens *= 2;
        // The answer is dropped unseen: its last tool call may be cut off mid-input, and running the complete
        // ones alone would leave the conversation with unanswered tool uses.
        LOG.warn("Model answer cut at max_tokens on turn {}; asking the same turn again with {} output tokens", turn,
            maxTokens);
        continue;
      }
      if (stop != null && stop != StopReason.TOOL_USE && stop != StopReason.END_TURN
          && stop != StopReason.STOP_SEQUENCE) {
        // guardrail_intervened, content_filtered, model_context_window_exceeded or a reason this SDK does not know:
        // the answer is not the model's analysis and asking again would meet the same stop.
        LOG.warn("Model stopped with {} on turn {}; no further turns", response.stopReasonAsString(), turn);
        return new Outcome(null, STOPPED + response.stopReasonAsString() + " on turn " + turn);
      }
      Message out = response.output() == null ? null : response.output().message();
      if (out == null || out.content() == null || out.content().isEmpty()) {
        out = Message.builder().role(ConversationRole.ASSISTANT).content(ContentBlock.fromText("(빈 응답)")).build();
      }
      messages.add(out);
      List<ToolUseBlock> uses = out.content().stream().map(ContentBlock::toolUse).filter(u -> u != null).toList();
      for (ToolUseBlock use : uses) {
        if (SubmitAnalysis.NAME.equals(use.name())) {
          SubmitAnalysis.Parsed parsed = SubmitAnalysis.parse(Documents.toJson(use.input()), analyzer);
          if (parsed.ok()) {
            LOG.info("Model submitted its analysis on turn {}", turn);
            return new Outcome(parsed.result(), "submitted on turn " + turn);
          }
          lastProblems = String.join("; ", parsed.problems());
          LOG.warn("Model submitted an invalid analysis on turn {}: {}", turn, lastProblems);
        }
      }
      if (finishWhy != null) {
        return new Outcome(null, "no valid submission before the " + finishWhy
            + (lastProblems == null ? "" : "; last problems: " + lastProblems));
      }
      if (uses.isEmpty()) {
        if (nudged) {
          talkedWithoutTools = "forced finish (the model ended two turns without a tool call)";
          messages.add(userText(SUBMIT_NOW));
          finishAsked = true;
        } else {
          nudged = true;
          messages.add(userText(NUDGE));
        }
        continue;
      }
      messages.add(Message.builder().role(ConversationRole.USER)
          .content(execute(gateway, allowed, uses, deadline, stats, analyzer)).build());
    }
  }

  /** A conservative characters-per-token ratio for mixed Korean, English and JSON. */
  private static final long CHARS_PER_TOKEN = 3;

  private static long orZero(Integer n) {
    return n == null ? 0 : n;
  }

  /** The conversation's size in characters: texts, tool inputs and tool results. */
  private static long chars(List<Message> messages) {
    long n = 0;
    for (Message m : messages) {
      for (ContentBlock b : m.content()) {
        if (b.text() != null) {
          n += b.text().length();
        } else if (b.toolUse() != null) {
          n += String.valueOf(b.toolUse().input()).length() + b.toolUse().name().length();
        } else if (b.toolResult() != null) {
          for (ToolResultContentBlock c : b.toolResult().content()) {
            n += c.text() == null ? 0 : c.text().length();
          }
        }
      }
    }
    return n;
  }

  private List<Message> prefill(String incidentText, Set<String> allowed, List<EvidenceCollector.Call> calls,
      Evidence evidence) {
    List<ContentBlock> uses = new ArrayList<>();
    List<ContentBlock> results = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    int i = 0;
    for (EvidenceCollector.Call call : calls) {
      String output = null;
      boolean error = false;
      for (Evidence.Item item : evidence.items()) {
        if (item.tool().equals(call.tool()) && item.arguments() == call.arguments()) {
          output = modelText(item.text(), item.structured());
        }
      }
      for (Evidence.Gap gap : evidence.gaps()) {
        if (gap.tool().equals(call.tool()) && gap.arguments() == call.arguments()) {
          output = "Evidence gap: " + gap.reason();
          error = true;
        }
      }
      if (output == null || !allowed.contains(call.tool())) {
        missing.add(call.tool());
        continue;
      }
      String id = "evidence_" + (++i);
      uses.add(ContentBlock.fromToolUse(ToolUseBlock.builder().toolUseId(id).name(call.tool())
          .input(Documents.toDocument(call.arguments())).build()));
      results.add(toolResult(id, output, error));
    }
    String request = incidentText + (missing.isEmpty() ? "" : "\n\n수집하지 못한 증거(도구 미제공): " + String.join(", ", missing));
    if (uses.isEmpty()) {
      return List.of(userText(request));
    }
    results.add(ContentBlock.fromText("증거 수집이 끝났습니다. 위 결과를 근거로 분석하세요."));
    return List.of(userText(request),
        Message.builder().role(ConversationRole.ASSISTANT)
            .content(prepend(ContentBlock.fromText("알람 시각 전후의 증거를 수집합니다."), uses)).build(),
        Message.builder().role(ConversationRole.USER).content(results).build());
  }

  private List<ContentBlock> execute(Gateway gateway, Set<String> allowed, List<ToolUseBlock> uses, Deadline deadline,
      RunStats stats, String analyzer) {
    List<ContentBlock> blocks = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<ContentBlock>> futures = new ArrayList<>();
      for (ToolUseBlock use : uses) {
        futures.add(pool.submit(() -> executeOne(gateway, allowed, use, deadline, stats, analyzer)));
      }
      for (int i = 0; i < futures.size(); i++) {
        try {
          blocks.add(futures.get(i).get());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          blocks.add(toolResult(uses.get(i).toolUseId(), "Interrupted", true));
        } catch (ExecutionException e) {
          LOG.error("Tool {} crashed", uses.get(i).name(), e.getCause());
          blocks.add(toolResult(uses.get(i).toolUseId(), "Internal error running the tool", true));
        }
      }
    }
    return blocks;
  }

  private ContentBlock executeOne(Gateway gateway, Set<String> allowed, ToolUseBlock use, Deadline deadline,
      RunStats stats, String analyzer) {
    if (SubmitAnalysis.NAME.equals(use.name())) {
      SubmitAnalysis.Parsed parsed = SubmitAnalysis.parse(Documents.toJson(use.input()), analyzer);
      return toolResult(use.toolUseId(), "Invalid submission, fix and call submit_analysis again: "
          + String.join("; ", parsed.problems()), true);
    }
    if (!allowed.contains(use.name())) {
      return toolResult(use.toolUseId(), "Tool '" + use.name() + "' is not available to the analysis.", true);
    }
    Duration budget = deadline.budget(settings.toolTimeout(), settings.finalReserve());
    if (budget.isZero()) {
      return toolResult(use.toolUseId(), "Skipped: the run's deadline is near.", true);
    }
    stats.toolCalls(1);
    JsonNode input = Documents.toJson(use.input());
    try {
      ToolOutcome outcome = gateway.call(use.name(), input.isObject() ? input : Json.object(), budget);
      // The run's gateway is a RedactingGateway: the outcome is already redacted with the incident's numbering.
      return toolResult(use.toolUseId(), modelText(outcome.text(), outcome.structured()), outcome.error());
    } catch (GatewayException e) {
      String reason = Redactor.DEFAULT.redact(e.getMessage());
      LOG.warn("Tool {} failed at the gateway: {}", use.name(), reason);
      return toolResult(use.toolUseId(), "Tool call failed: " + reason, true);
    }
  }

  private ConverseRequest request(List<SystemContentBlock> system, List<Tool> tools, List<Message> messages,
      boolean forceSubmit, int maxTokens) {
    ToolChoice choice = forceSubmit
        ? ToolChoice.fromTool(SpecificToolChoice.builder().name(SubmitAnalysis.NAME).build())
        : ToolChoice.fromAuto(AutoToolChoice.builder().build());
    return ConverseRequest.builder().modelId(model.modelId()).system(system).messages(List.copyOf(messages))
        .toolConfig(ToolConfiguration.builder().tools(tools).toolChoice(choice).build())
        .inferenceConfig(InferenceConfiguration.builder().maxTokens(maxTokens).temperature(0.2f).build())
        .build();
  }

  private static Tool tool(String name, String description, JsonNode schema) {
    JsonNode s = schema == null || !schema.isObject() ? Json.object().put("type", "object") : schema;
    return Tool.fromToolSpec(ToolSpecification.builder().name(name)
        .description(description == null || description.isBlank() ? name : description)
        .inputSchema(ToolInputSchema.fromJson(Documents.toDocument(s))).build());
  }

  private static String modelText(String text, JsonNode structured) {
    if (text != null && !text.isBlank()) {
      return text;
    }
    return structured == null ? "(empty result)" : structured.toString();
  }

  private static ContentBlock toolResult(String id, String text, boolean error) {
    return ContentBlock.fromToolResult(ToolResultBlock.builder().toolUseId(id)
        .content(ToolResultContentBlock.fromText(text))
        .status(error ? ToolResultStatus.ERROR : ToolResultStatus.SUCCESS).build());
  }

  private static Message userText(String text) {
    return Message.builder().role(ConversationRole.USER).content(ContentBlock.fromText(text)).build();
  }

  private static List<ContentBlock> prepend(ContentBlock first, List<ContentBlock> rest) {
    List<ContentBlock> all = new ArrayList<>();
    all.add(first);
    all.addAll(rest);
    return all;
  }
}
