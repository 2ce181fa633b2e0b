package com.incident.agent.core;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.common.incident.AnalysisResult;
import com.incident.common.incident.ChaosScenario;
import com.incident.common.incident.RootCauseCategory;
import com.incident.common.json.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The local {@code submit_analysis} tool: its input schema mirrors {@link AnalysisResult}, and its input is
 * validated strictly (vocabulary, probabilities, Korean text) so a malformed submission goes back to the model
 * as an error it can fix instead of reaching the issue.
 */
public final class SubmitAnalysis {
  public static final String NAME = "submit_analysis";
  public static final String DESCRIPTION =
      "Submit the final incident analysis. Call exactly once, when the evidence is sufficient or when asked to "
          + "finish. All human-readable text must be Korean.";

  /** The validated result, or the problems to send back to the model. */
  public record Parsed(AnalysisResult result, List<String> problems) {
    public boolean ok() {
      return result != null;
    }
  }

  private SubmitAnalysis() {}

  public static ObjectNode schema() {
    ObjectNode s = Json.object().put("type", "object");
    ObjectNode p = s.putObject("properties");
    p.putObject("summary").put("type", "string").put("description", "2-3 sentence Korean summary");
    enumOf(p.putObject("incidentType").put("type", "string"),
        Arrays.stream(IncidentType.values()).map(IncidentType::id).toList());
    stringArray(p, "affectedComponents", "e.g. pod/x, deployment/y, node/z");
    stringArray(p, "techStack", "e.g. EKS, Java, Redis");
    ObjectNode cause = p.putObject("causes").put("type", "array").put("minItems", 1).put("maxItems", 5)
        .put("description", "Ranked probable causes, most likely first").putObject("items").put("type", "object");
    ObjectNode cp = cause.putObject("properties");
    cp.putObject("title").put("type", "string").put("description", "Korean");
    enumOf(cp.putObject("category").put("type", "string"),
        Arrays.stream(RootCauseCategory.values()).map(RootCauseCategory::id).toList());
    cp.putObject("probability").put("type", "number").put("minimum", 0).put("maximum", 1);
    cp.putObject("description").put("type", "string").put("description", "Korean");
    ObjectNode ev = cp.putObject("evidence").put("type", "array")
        .put("description", "Which metric/log (from which tool) supports this cause").putObject("items").put("type", "object");
    ObjectNode evp = ev.putObject("properties");
    evp.putObject("source").put("type", "string").put("description", "tool name");
    evp.putObject("signal").put("type", "string").put("description", "metric name or log pattern");
    evp.putObject("observation").put("type", "string").put("description", "Korean: what it showed");
    required(ev, "source", "signal", "observation");
    required(cause, "title", "category", "probability", "description", "evidence");
    ObjectNode entry = p.putObject("timeline").put("type", "array").putObject("items").put("type", "object");
    entry.putObject("properties").putObject("time").put("type", "string").put("description", "ISO-8601 UTC");
    ((ObjectNode) entry.get("properties")).putObject("event").put("type", "string").put("description", "Korean");
    required(entry, "time", "event");
    stringArray(p, "immediateActions", "Korean");
    stringArray(p, "longTermImprovements", "Korean");
    ObjectNode rem = p.putObject("remediation").put("type", "object");
    ObjectNode rp = rem.putObject("properties");
    enumOf(rp.putObject("scenario").put("type", "string"), Arrays.stream(ChaosScenario.values()).map(ChaosScenario::id).toList());
    rp.putObject("rationale").put("type", "string").put("description", "Korean");
    required(rem, "scenario", "rationale");
    required(s, "summary", "incidentType", "causes", "timeline", "immediateActions", "longTermImprovements", "remediation");
    return s;
  }

  public static Parsed parse(JsonNode input, String analyzer) {
    List<String> problems = new ArrayList<>();
    if (input == null || !input.isObject()) {
      return new Parsed(null, List.of("input must be a JSON object"));
    }
    korean(input, "summary", problems);
    if (!input.path("incidentType").isTextual()) {
      problems.add("incidentType is required");
    }
    JsonNode causes = input.path("causes");
    if (!causes.isArray() || causes.isEmpty()) {
      problems.add("causes must be a non-empty array");
    } else {
      for (int i = 0; i < causes.size(); i++) {
        JsonNode c = causes.get(i);
        String at = "causes[" + i + "].";
        korean(c, "title", problems, at);
        korean(c, "description", problems, at);
        String category = c.path("category").asText("");
        if (Arrays.stream(RootCauseCategory.values()).noneMatch(v -> v.id().equals(category))) {
          problems.add(at + "category '" + category + "' is not in the vocabulary");
        }
        double probability = c.path("probability").asDouble(-1);
        if (!c.path("probability").isNumber() || probability < 0 || probability > 1) {
          problems.add(at + "probability must be a number between 0 and 1");
        }
        if (!c.path("evidence").isArray()) {
          problems.add(at + "evidence must be an array");
        }
      }
    }
    for (String list : List.of("immediateActions", "longTermImprovements")) {
      JsonNode arr = input.path(list);
      if (!arr.isArray() || arr.isEmpty()) {
        problems.add(list + " must be a non-empty array of Korean strings");
      } else {
        arr.forEach(a -> {
          if (!Hangul.contains(a.asText())) {
            problems.add(list + " entries must be Korean");
          }
        });
      }
    }
    String scenario = input.path("remediation").path("scenario").asText("");
    if (Arrays.stream(ChaosScenario.values()).noneMatch(v -> v.id().equals(scenario))) {
      problems.add("remediation.scenario must be one of stress-workload, bad-image, scaled-to-zero, none");
    }
    if (!problems.isEmpty()) {
      return new Parsed(null, problems.stream().distinct().toList());
    }
    ObjectNode copy = ((ObjectNode) input).deepCopy();
    copy.put("analyzer", analyzer);
    try {
      AnalysisResult r = Json.convert(copy, AnalysisResult.class);
      List<AnalysisResult.ProbableCause> ranked = r.causes().stream()
          .sorted(Comparator.comparingDouble(AnalysisResult.ProbableCause::probability).reversed()).toList();
      return new Parsed(new AnalysisResult(r.summary(), r.incidentType(), nz(r.affectedComponents()), nz(r.techStack()),
          ranked, nz(r.timeline()), r.immediateActions(), r.longTermImprovements(), r.remediation(), analyzer), List.of());
    } catch (IllegalArgumentException e) {
      return new Parsed(null, List.of(schemaProblem(e)));
    }
  }

  /** The field at fault, for the model to fix; the mapper's own message names Java types. */
  private static String schemaProblem(IllegalArgumentException e) {
    if (e.getCause() instanceof JsonMappingException m && !m.getPath().isEmpty()) {
      String path = m.getPath().stream()
          .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
          .collect(Collectors.joining()).substring(1);
      return path + " has a value of the wrong kind; follow the input schema";
    }
    return "input does not match the input schema";
  }

  private static <T> List<T> nz(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static void korean(JsonNode node, String field, List<String> problems) {
    korean(node, field, problems, "");
  }

  private static void korean(JsonNode node, String field, List<String> problems, String at) {
    JsonNode v = node.path(field);
    if (!v.isTextual() || v.asText().isBlank()) {
      problems.add(at + field + " is required");
    } else if (!Hangul.contains(v.asText())) {
      problems.add(at + field + " must be written in Korean");
    }
  }

  private static void enumOf(ObjectNode node, List<String> values) {
    ArrayNode e = node.putArray("enum");
    values.forEach(e::add);
  }

  private static void stringArray(ObjectNode props, String name, String description) {
    props.putObject(name).put("type", "array").put("description", description).putObject("items").put("type", "string");
  }

  private static void required(ObjectNode node, String... names) {
    ArrayNode r = node.putArray("required");
    Arrays.stream(names).forEach(r::add);
  }
}
