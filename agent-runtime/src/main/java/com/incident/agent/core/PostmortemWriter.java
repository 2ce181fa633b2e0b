package com.incident.agent.core;

import com.incident.agent.model.DisabledModelClient;
import com.incident.agent.model.ModelClient;
import com.incident.agent.model.ModelException;
import com.incident.common.incident.AnalysisResult.TimelineEntry;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InferenceConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;

/**
 * Writes the postmortem draft: one Converse call without tools, bounded in tokens and time and counted in the
 * incident's model budget, on redacted input; an answer that is not a valid narrative, a budget that does not allow
 * the call, or a model that is off or fails all give the Korean template instead. Never throws for a model problem.
 */
public final class PostmortemWriter {
  private static final Logger LOG = LoggerFactory.getLogger(PostmortemWriter.class);
  /** A narrative of six short sections; the call is refused when the budget cannot afford this much output. */
  static final int MAX_OUTPUT_TOKENS = 1200;
  private static final long CHARS_PER_TOKEN = 3;
  private static final Duration CALL_CAP = Duration.ofSeconds(60);
  private static final Duration MIN_CALL = Duration.ofSeconds(5);

  /** The draft and who wrote it. */
  public record Draft(String markdown, Postmortem.Author author) {}

  private final ModelClient model;
  private final Pricing pricing;

  public PostmortemWriter(ModelClient model, Pricing pricing) {
    this.model = model;
    this.pricing = pricing;
  }

  /**
   * @param redactor applied to everything the model reads (the run's redaction audit counts it)
   * @param stats the run's counters: a model call adds its turn and tokens
   */
  public Draft write(Postmortem.Facts facts, List<TimelineEntry> chronology, ModelBudget budget, Deadline deadline,
      UnaryOperator<String> redactor, RunStats stats) {
    Postmortem.Author author;
    Postmortem.Narrative narrative = null;
    if (DisabledModelClient.MODEL_ID.equals(model.modelId())) {
      author = new Postmortem.Template("AI 모델 사용이 꺼져 있음");
    } else {
      String prompt = Postmortem.prompt(facts, chronology, redactor);
      long estimate = (Postmortem.SYSTEM.length() + prompt.length()) / CHARS_PER_TOKEN;
      Duration time = deadline.budget(CALL_CAP, Duration.ZERO);
      if (budget.check(estimate, MAX_OUTPUT_TOKENS, pricing) == ModelBudget.Verdict.STOP) {
        author = new Postmortem.Template("인시던트 모델 예산이 남지 않음");
      } else if (time.compareTo(MIN_CALL) < 0) {
        author = new Postmortem.Template("실행 시간 한도가 가까움");
      } else {
        Postmortem.Parsed parsed = null;
        try {
          parsed = Postmortem.parse(text(call(prompt, time, budget, estimate, stats)));
        } catch (ModelException e) {
          LOG.warn("Postmortem model call failed: {}", e.getMessage());
        }
        if (parsed != null && parsed.valid().isPresent()) {
          narrative = parsed.narrative();
          author = new Postmortem.Claude(model.modelId());
        } else if (parsed != null) {
          LOG.warn("Postmortem model answer refused ({}); writing the template", parsed.problem());
          author = new Postmortem.Template("모델 응답이 초안 형식에 맞지 않음");
        } else {
          author = new Postmortem.Template("모델을 호출하지 못함");
        }
      }
    }
    return new Draft(Postmortem.render(facts, chronology, narrative != null ? narrative : Postmortem.template(facts), author),
        author);
  }

  private ConverseResponse call(String prompt, Duration time, ModelBudget budget, long estimate, RunStats stats)
      throws ModelException {
    ConverseRequest request = ConverseRequest.builder().modelId(model.modelId())
        .system(SystemContentBlock.fromText(Postmortem.SYSTEM))
        .messages(Message.builder().role(ConversationRole.USER).content(ContentBlock.fromText(prompt)).build())
        .inferenceConfig(InferenceConfiguration.builder().maxTokens(MAX_OUTPUT_TOKENS).temperature(0.2f).build())
        .build();
    ConverseResponse response = model.converse(request, time);
    stats.turn();
    if (response.usage() == null) {
      budget.record(pricing, estimate, 0, 0, 0);
    } else {
      stats.tokens(response.usage().inputTokens(), response.usage().outputTokens(), response.usage().cacheReadInputTokens(),
          response.usage().cacheWriteInputTokens());
      budget.record(pricing, n(response.usage().inputTokens()), n(response.usage().outputTokens()),
          n(response.usage().cacheReadInputTokens()), n(response.usage().cacheWriteInputTokens()));
    }
    return response;
  }

  /** The answer's text blocks; null when it has none (a tool use, an empty message). */
  private static String text(ConverseResponse response) {
    if (response.output() == null || response.output().message() == null) {
      return null;
    }
    String text = String.join("", response.output().message().content().stream()
        .map(ContentBlock::text).filter(t -> t != null).toList());
    return text.isBlank() ? null : text;
  }

  private static long n(Integer i) {
    return i == null ? 0 : i;
  }
}
