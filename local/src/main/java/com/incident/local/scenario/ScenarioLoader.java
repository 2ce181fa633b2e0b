package com.incident.local.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.json.Json;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads scenario files: JSON Schema validation (scenarios/schema.json, bundled in the jar) and then the rules a
 * schema cannot express, so a user replaying their own incident gets every problem at once, with its path.
 */
public final class ScenarioLoader {
  /** The scenarios shipped in scenarios/ (and in incident-local.jar), in the order the suite runs them. */
  public static final List<String> BUNDLED = List.of("cpu-spike", "pod-restarts", "node-cpu-high", "replicas-zero",
      "oom-crashloop", "error-burst", "flapping", "bedrock-down", "stress-decoys", "intentional-zero");

  private static final Schema SCHEMA = loadSchema();

  private ScenarioLoader() {}

  public static Scenario bundled(String name) {
    if (!BUNDLED.contains(name)) {
      throw new ScenarioException(name, List.of("no bundled scenario named '" + name + "'; bundled: "
          + String.join(", ", BUNDLED) + " (or pass --scenario-file PATH)"));
    }
    try (InputStream in = resource("scenarios/" + name + ".json")) {
      return parse(name + ".json", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Scenario file(Path path) {
    try {
      return parse(path.toString(), Files.readString(path, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      throw new ScenarioException(path.toString(), List.of("file not found"));
    } catch (IOException e) {
      throw new ScenarioException(path.toString(), List.of("cannot be read: " + e.getMessage()));
    }
  }

  public static Scenario parse(String source, String text) {
    JsonNode tree;
    try {
      tree = Json.tree(text);
    } catch (JsonProcessingException e) {
      throw new ScenarioException(source, List.of("not valid JSON: " + e.getOriginalMessage()
          + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
    }
    List<String> problems = new ArrayList<>();
    SCHEMA.validate(tree).forEach(error -> problems.add(describe(error)));
    if (!problems.isEmpty()) {
      throw new ScenarioException(source, problems);
    }
    Scenario scenario = Json.convert(tree, Scenario.class);
    problems.addAll(semanticProblems(scenario));
    if (!problems.isEmpty()) {
      throw new ScenarioException(source, problems);
    }
    return scenario;
  }

  static List<String> semanticProblems(Scenario s) {
    List<String> problems = new ArrayList<>();
    double last = 0;
    for (int i = 0; i < s.followUps().size(); i++) {
      Scenario.FollowUp f = s.followUps().get(i);
      if (f.afterMinutes() <= last) {
        problems.add("$.followUps[" + i + "].afterMinutes: must be later than the previous notification (" + last + ")");
      }
      last = f.afterMinutes();
      String name = f.alarm().path("AlarmName").asText();
      if (!name.equals(s.alarmName())) {
        problems.add("$.followUps[" + i + "].alarm.AlarmName: '" + name + "' is not the scenario's alarm '"
            + s.alarmName() + "'; a follow-up is a later notification of the same alarm");
      }
    }
    Set<String> series = new HashSet<>();
    for (int i = 0; i < s.metrics().size(); i++) {
      Scenario.Metric m = s.metrics().get(i);
      if (!series.add(m.namespace() + "|" + m.metricName() + "|" + new java.util.TreeMap<>(m.dimensions()))) {
        problems.add("$.metrics[" + i + "]: a second series for " + m.metricName() + " with the same dimensions");
      }
      increasing(m.points(), "$.metrics[" + i + "].points", problems);
      if (m.afterRemediation() == null) {
        continue;
      }
      increasing(m.afterRemediation(), "$.metrics[" + i + "].afterRemediation", problems);
      if (!m.afterRemediation().isEmpty() && m.afterRemediation().getFirst()[0] < 0) {
        problems.add("$.metrics[" + i + "].afterRemediation: minutes count from the fix and cannot be negative");
      }
    }
    Set<String> objects = new HashSet<>();
    for (int i = 0; i < s.cluster().objects().size(); i++) {
      JsonNode o = s.cluster().objects().get(i);
      String key = o.path("kind").asText() + "/" + o.path("metadata").path("namespace").asText("") + "/"
          + o.path("metadata").path("name").asText();
      if (!objects.add(key)) {
        problems.add("$.cluster.objects[" + i + "]: duplicate " + key);
      }
    }
    return problems;
  }

  /** "/metrics/0/points: msg" -> "$.metrics[0].points: msg", the notation of the semantic checks. */
  static String describe(com.networknt.schema.Error error) {
    String pointer = error.getInstanceLocation().toString();
    String text = error.toString();
    String message = text.startsWith(pointer + ": ") ? text.substring(pointer.length() + 2) : text;
    StringBuilder path = new StringBuilder("$");
    for (String part : pointer.split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      path.append(part.chars().allMatch(Character::isDigit) ? "[" + part + "]" : "." + part.replace("~1", "/").replace("~0", "~"));
    }
    return path + ": " + message;
  }

  private static void increasing(List<double[]> points, String path, List<String> problems) {
    for (int i = 1; i < points.size(); i++) {
      if (points.get(i)[0] <= points.get(i - 1)[0]) {
        problems.add(path + "[" + i + "]: minute " + points.get(i)[0] + " does not come after " + points.get(i - 1)[0]);
        return;
      }
    }
  }

  private static Schema loadSchema() {
    try (InputStream in = resource("scenarios/schema.json")) {
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(Json.MAPPER.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream resource(String name) throws IOException {
    InputStream in = ScenarioLoader.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IOException(name + " is not on the classpath; incident-local.jar is built with the scenarios/ folder");
    }
    return in;
  }
}
