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
      "oom-crashloop", "error-burst", "flapping", "bedrock-down", "stress-decoys", "intentional-zero",
      "orphaned-job-pod", "statefulset-no-endpoints", "wrong-fix", "node-storm", "unrelated-pair");

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
    Lint lint = lintFile(path);
    if (!lint.problems().isEmpty()) {
      throw new ScenarioException(path.toString(), lint.problems());
    }
    return lint.scenario();
  }

  public static Scenario parse(String source, String text) {
    Lint lint = lint(source, text);
    if (!lint.problems().isEmpty()) {
      throw new ScenarioException(source, lint.problems());
    }
    return lint.scenario();
  }

  /**
   * Every problem of a scenario text at once (JSON Schema and semantic rules, one list), and notes on what it
   * holds that no tool serves, so the analyzer will have nothing to read from it.
   *
   * @param scenario the loaded scenario, or null when there are problems
   */
  public record Lint(String source, Scenario scenario, List<String> problems, List<String> notes) {}

  public static Lint lint(String source, String text) {
    JsonNode tree;
    try {
      tree = Json.tree(text);
    } catch (JsonProcessingException e) {
      return new Lint(source, null, List.of("not valid JSON: " + e.getOriginalMessage()
          + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"), List.of());
    }
    List<String> problems = new ArrayList<>();
    SCHEMA.validate(tree).forEach(error -> problems.add(describe(error)));
    // Semantic rules run on the tree, so a file with schema errors gets those problems in the same round.
    problems.addAll(semanticProblems(tree));
    List<String> notes = ScenarioNotes.unread(tree);
    if (!problems.isEmpty()) {
      return new Lint(source, null, List.copyOf(problems), notes);
    }
    return new Lint(source, Json.convert(tree, Scenario.class), List.of(), notes);
  }

  /** Lints a file; an unreadable file is one problem. */
  public static Lint lintFile(Path path) {
    try {
      return lint(path.toString(), Files.readString(path, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return new Lint(path.toString(), null, List.of("file not found"), List.of());
    } catch (IOException e) {
      return new Lint(path.toString(), null, List.of("cannot be read: " + e.getMessage()), List.of());
    }
  }

  /** The rules a schema cannot express. Reads the tree defensively: a node of the wrong type is the schema's problem. */
  static List<String> semanticProblems(JsonNode s) {
    List<String> problems = new ArrayList<>();
    JsonNode followUps = s.path("followUps");
    double last = 0;
    for (int i = 0; i < followUps.size(); i++) {
      JsonNode minutes = followUps.get(i).path("afterMinutes");
      if (!minutes.isNumber()) {
        continue;
      }
      if (minutes.asDouble() <= last) {
        problems.add("$.followUps[" + i + "].afterMinutes: must be later than the previous notification (" + last + ")");
      }
      last = minutes.asDouble();
    }
    Set<String> objects = new HashSet<>();
    JsonNode items = s.path("cluster").path("objects");
    for (int i = 0; i < items.size(); i++) {
      String key = ref(items.get(i));
      if (!objects.add(key)) {
        problems.add("$.cluster.objects[" + i + "]: duplicate " + key);
      }
    }
    problems.addAll(eventProblems(items, objects));
    problems.addAll(podLogProblems(s.path("podLogs"), items));
    Set<String> series = new HashSet<>();
    JsonNode metrics = s.path("metrics");
    for (int i = 0; i < metrics.size(); i++) {
      JsonNode m = metrics.get(i);
      String path = "$.metrics[" + i + "]";
      if (!series.add(m.path("namespace").asText("ContainerInsights") + "|" + m.path("metricName").asText() + "|"
          + ScenarioNotes.dimensions(m))) {
        problems.add(path + ": a second series for " + m.path("metricName").asText() + " with the same dimensions");
      }
      increasing(m.path("points"), path + ".points", problems);
      JsonNode after = m.path("afterRemediation");
      if (after.isArray()) {
        increasing(after, path + ".afterRemediation", problems);
        if (!after.isEmpty() && after.get(0).path(0).asDouble() < 0) {
          problems.add(path + ".afterRemediation: minutes count from the fix and cannot be negative");
        }
      }
      JsonNode when = m.path("recoversWhen");
      if (when.isObject()) {
        if (!after.isArray()) {
          problems.add(path + ".recoversWhen: the series has no afterRemediation part for the condition to switch on");
        }
        String target = when.has("deleted") ? when.path("deleted").asText()
            : when.path("kind").asText() + "/" + (when.path("namespace").asText("").isEmpty() ? "" : when.path("namespace").asText() + "/")
                + when.path("name").asText();
        if (!objects.contains(target)) {
          problems.add(path + ".recoversWhen: " + target + " is not in cluster.objects, so the condition "
              + (when.has("deleted") ? "holds from the start" : "can never hold"));
        }
      }
    }
    return problems;
  }

  /** Kinds without a namespace: an event about one names no namespace in its involvedObject. */
  private static final Set<String> CLUSTER_SCOPED = Set.of("Node", "Namespace");

  /**
   * Each Event is about an object of the scenario (the API server keeps events of deleted objects, but a replay that
   * shows an event about something the tools cannot describe is a capture mistake), in the event's own namespace, and
   * was last seen no earlier than first seen.
   */
  private static List<String> eventProblems(JsonNode items, Set<String> objects) {
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonNode event = items.get(i);
      if (!"Event".equals(event.path("kind").asText())) {
        continue;
      }
      String path = "$.cluster.objects[" + i + "]";
      JsonNode about = event.path("involvedObject");
      String kind = about.path("kind").asText();
      String eventNs = event.path("metadata").path("namespace").asText("");
      String ns = about.path("namespace").asText("");
      if (!CLUSTER_SCOPED.contains(kind)) {
        if (ns.isEmpty()) {
          ns = eventNs;
        } else if (!ns.equals(eventNs)) {
          problems.add(path + ".involvedObject.namespace: " + ns + " differs from the event's namespace " + eventNs
              + " (the API server keeps an event in the namespace of the object it is about)");
        }
      }
      String target = kind + "/" + (CLUSTER_SCOPED.contains(kind) || ns.isEmpty() ? "" : ns + "/") + about.path("name").asText();
      if (about.isObject() && !objects.contains(target)) {
        problems.add(path + ".involvedObject: " + target + " is not in cluster.objects");
      }
      java.time.Instant first = instant(event.path("firstTimestamp"));
      java.time.Instant last = instant(event.path("lastTimestamp"));
      if (first != null && last != null && last.isBefore(first)) {
        problems.add(path + ".lastTimestamp: " + event.path("lastTimestamp").asText() + " is before firstTimestamp "
            + event.path("firstTimestamp").asText());
      }
    }
    return problems;
  }

  /**
   * Each log belongs to a container of a Pod of the scenario, once; a previous log only to a container whose status
   * shows a restart, since the API server answers {@code --previous} with 400 for one that never restarted.
   */
  private static List<String> podLogProblems(JsonNode podLogs, JsonNode items) {
    List<String> problems = new ArrayList<>();
    java.util.Map<String, JsonNode> pods = new java.util.HashMap<>();
    items.forEach(o -> {
      if ("Pod".equals(o.path("kind").asText())) {
        pods.put(o.path("metadata").path("namespace").asText("") + "/" + o.path("metadata").path("name").asText(), o);
      }
    });
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < podLogs.size(); i++) {
      JsonNode log = podLogs.get(i);
      String path = "$.podLogs[" + i + "]";
      String ns = log.path("namespace").asText();
      String podName = log.path("pod").asText();
      String container = log.path("container").asText();
      JsonNode pod = pods.get(ns + "/" + podName);
      if (pod == null) {
        problems.add(path + ".pod: Pod/" + ns + "/" + podName + " is not in cluster.objects");
        continue;
      }
      if (!seen.add(ns + "/" + podName + "/" + container)) {
        problems.add(path + ": a second log for container " + container + " of Pod/" + ns + "/" + podName);
      }
      List<String> containers = new ArrayList<>();
      pod.path("spec").path("initContainers").forEach(c -> containers.add(c.path("name").asText()));
      pod.path("spec").path("containers").forEach(c -> containers.add(c.path("name").asText()));
      if (!containers.contains(container)) {
        problems.add(path + ".container: Pod/" + ns + "/" + podName + " has no container " + container
            + " (it has " + containers + ")");
        continue;
      }
      if (log.has("previous") && !restarted(pod, container)) {
        problems.add(path + ".previous: container " + container + " of Pod/" + ns + "/" + podName
            + " shows no restart (restartCount 0, no lastState.terminated), so there is no previous instance to log");
      }
    }
    return problems;
  }

  private static boolean restarted(JsonNode pod, String container) {
    for (String field : List.of("containerStatuses", "initContainerStatuses")) {
      for (JsonNode status : pod.path("status").path(field)) {
        if (container.equals(status.path("name").asText())
            && (status.path("restartCount").asInt() > 0 || status.path("lastState").has("terminated"))) {
          return true;
        }
      }
    }
    return false;
  }

  private static java.time.Instant instant(JsonNode text) {
    try {
      return text.isTextual() ? java.time.OffsetDateTime.parse(text.asText()).toInstant() : null;
    } catch (java.time.format.DateTimeParseException e) {
      return null; // the schema's pattern reports it
    }
  }

  /** "Kind/namespace/name", or "Kind/name" for an object without a namespace (a Node). */
  static String ref(JsonNode object) {
    String ns = object.path("metadata").path("namespace").asText("");
    return object.path("kind").asText() + "/" + (ns.isEmpty() ? "" : ns + "/") + object.path("metadata").path("name").asText();
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

  private static void increasing(JsonNode points, String path, List<String> problems) {
    for (int i = 1; i < points.size(); i++) {
      double minute = points.get(i).path(0).asDouble();
      double previous = points.get(i - 1).path(0).asDouble();
      if (minute <= previous) {
        problems.add(path + "[" + i + "]: minute " + minute + " does not come after " + previous);
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
