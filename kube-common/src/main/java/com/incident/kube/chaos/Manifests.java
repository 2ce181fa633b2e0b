package com.incident.kube.chaos;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.incident.common.json.Json;
import com.incident.common.redact.Redactor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Turns a live object into a manifest that can be re-applied to undo its deletion. */
public final class Manifests {
  private static final List<String> SERVER_FIELDS =
      List.of("uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "selfLink", "deletionTimestamp");
  private static final Pattern SECRET_ENV_NAME = Pattern.compile("(?i).*(pass|secret|token|key|credential|auth).*");
  static final String REDACTED = "[REDACTED]";
  private static final List<String> JOB_GENERATED_LABELS =
      List.of("controller-uid", "batch.kubernetes.io/controller-uid", "job-name", "batch.kubernetes.io/job-name");

  private Manifests() {}

  /**
   * The object without status and server-set metadata. Environment values that look like secrets are
   * redacted because the manifest is model input and an audit log line.
   */
  public static Map<String, Object> reapplicable(HasMetadata object) {
    ObjectNode node = Json.MAPPER.valueToTree(object);
    node.remove("status");
    if (node.get("metadata") instanceof ObjectNode meta) {
      SERVER_FIELDS.forEach(meta::remove);
      if (meta.get("annotations") instanceof ObjectNode annotations) {
        annotations.remove("kubectl.kubernetes.io/last-applied-configuration");
        if (annotations.isEmpty()) {
          meta.remove("annotations");
        }
      }
    }
    if ("Job".equals(object.getKind())) {
      withoutGeneratedSelector(node);
    }
    redact(node);
    return Json.MAPPER.convertValue(node, new TypeReference<>() {});
  }

  /**
   * The API server generates a Job's selector and the labels it matches from the Job's uid; re-applying them makes
   * it refuse the Job ("`selector` not auto-generated"), so the manifest leaves them to the new Job.
   */
  private static void withoutGeneratedSelector(ObjectNode job) {
    if (job.get("spec") instanceof ObjectNode spec) {
      spec.remove("selector");
      if (spec.path("template").get("metadata") instanceof ObjectNode templateMeta) {
        removeGeneratedLabels(templateMeta);
      }
    }
    if (job.get("metadata") instanceof ObjectNode meta) {
      removeGeneratedLabels(meta);
    }
  }

  private static void removeGeneratedLabels(ObjectNode meta) {
    if (meta.get("labels") instanceof ObjectNode labels) {
      JOB_GENERATED_LABELS.forEach(labels::remove);
      if (labels.isEmpty()) {
        meta.remove("labels");
      }
    }
  }

  private static void redact(JsonNode node) {
    if (node instanceof ObjectNode o) {
      JsonNode name = o.get("name");
      if (name != null && name.isTextual() && o.has("value") && SECRET_ENV_NAME.matcher(name.asText()).matches()) {
        o.put("value", REDACTED);
      }
      o.properties().forEach(e -> {
        if (e.getValue().isTextual()) {
          e.setValue(TextNode.valueOf(Redactor.DEFAULT.redact(e.getValue().asText())));
        } else {
          redact(e.getValue());
        }
      });
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        JsonNode child = node.get(i);
        if (child.isTextual()) {
          ((com.fasterxml.jackson.databind.node.ArrayNode) node).set(i, TextNode.valueOf(Redactor.DEFAULT.redact(child.asText())));
        } else {
          redact(child);
        }
      }
    }
  }
}
