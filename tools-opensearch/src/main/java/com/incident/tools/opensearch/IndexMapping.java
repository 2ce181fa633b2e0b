package com.incident.tools.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the mappings say about each field, per concrete index behind an index name, pattern or alias (the answer of
 * {@code GET <index>/_mapping}). Indices behind one pattern may disagree, for example a daily index created before a
 * parser started emitting {@code status} as a number; queries are then chosen per index.
 */
public record IndexMapping(Map<String, Map<String, FieldMapping>> byIndex) {

  public enum Kind { NUMERIC, KEYWORD, TEXT, DATE, OTHER }

  /**
   * @param exact the path for exact terms and aggregations: the field itself when it is a keyword, its keyword
   *     sub-field when it is text (dynamic mapping's {@code .keyword}); null when there is none
   * @param ignoreAbove longer values are not indexed in {@code exact} (dynamic mapping: 256); null when unlimited
   */
  public record FieldMapping(Kind kind, String type, String exact, Integer ignoreAbove) {}

  private static final Set<String> NUMERIC = Set.of("long", "integer", "short", "byte", "double", "float", "half_float",
      "scaled_float", "unsigned_long");

  public IndexMapping {
    byIndex = Map.copyOf(byIndex);
  }

  /** Parses {@code {"<index>":{"mappings":{"properties":{...}}}, ...}}. */
  public static IndexMapping parse(JsonNode response) {
    Map<String, Map<String, FieldMapping>> out = new LinkedHashMap<>();
    response.properties().forEach(index -> {
      Map<String, FieldMapping> fields = new LinkedHashMap<>();
      flatten("", index.getValue().path("mappings").path("properties"), fields);
      out.put(index.getKey(), fields);
    });
    return new IndexMapping(out);
  }

  /**
   * Builds the same view from {@code GET <index>/_field_caps?fields=*}, for when the mapping itself may not be read
   * (an OpenSearch Serverless data access policy with {@code aoss:ReadDocument} but not {@code aoss:DescribeIndex}).
   * Field caps name no {@code ignore_above}; a text field's keyword multi-field appears as its own dotted field.
   */
  public static IndexMapping fromFieldCaps(JsonNode response) {
    Map<String, Map<String, FieldMapping>> out = new LinkedHashMap<>();
    response.path("indices").forEach(i -> out.put(i.asText(), new LinkedHashMap<>()));
    response.path("fields").properties().forEach(field -> field.getValue().properties().forEach(type -> {
      JsonNode only = type.getValue().path("indices");
      Kind kind = kind(type.getKey());
      for (String index : out.keySet()) {
        boolean applies = only.isMissingNode();
        for (JsonNode i : only) {
          applies |= i.asText().equals(index);
        }
        if (applies && kind != Kind.OTHER) {
          out.get(index).put(field.getKey(), new FieldMapping(kind, type.getKey(), kind == Kind.KEYWORD ? field.getKey() : null, null));
        }
      }
    }));
    for (Map<String, FieldMapping> fields : out.values()) {
      fields.replaceAll((path, f) -> f.kind() != Kind.TEXT ? f : fields.entrySet().stream()
          .filter(e -> e.getKey().startsWith(path + ".") && e.getKey().indexOf('.', path.length() + 1) < 0
              && e.getValue().kind() == Kind.KEYWORD)
          .findFirst()
          .map(e -> new FieldMapping(Kind.TEXT, f.type(), e.getKey(), null))
          .orElse(f));
    }
    return new IndexMapping(out);
  }

  private static void flatten(String prefix, JsonNode properties, Map<String, FieldMapping> out) {
    properties.properties().forEach(p -> {
      String path = prefix + p.getKey();
      JsonNode def = p.getValue();
      if (def.has("properties")) {
        flatten(path + ".", def.get("properties"), out);
      }
      String type = def.path("type").asText(def.has("properties") ? "object" : "");
      if (type.equals("object") || type.equals("nested")) {
        return;
      }
      Kind kind = kind(type);
      String exact = kind == Kind.KEYWORD ? path : null;
      Integer ignoreAbove = kind == Kind.KEYWORD && def.has("ignore_above") ? def.get("ignore_above").asInt() : null;
      if (kind == Kind.TEXT) {
        for (var sub : def.path("fields").properties()) {
          if (kind(sub.getValue().path("type").asText()) == Kind.KEYWORD) {
            exact = path + "." + sub.getKey();
            ignoreAbove = sub.getValue().has("ignore_above") ? sub.getValue().get("ignore_above").asInt() : null;
            break;
          }
        }
      }
      out.put(path, new FieldMapping(kind, type, exact, ignoreAbove));
    });
  }

  private static Kind kind(String type) {
    if (NUMERIC.contains(type)) {
      return Kind.NUMERIC;
    }
    return switch (type) {
      case "keyword", "constant_keyword" -> Kind.KEYWORD;
      case "text", "match_only_text" -> Kind.TEXT;
      case "date", "date_nanos" -> Kind.DATE;
      default -> Kind.OTHER;
    };
  }

  public List<String> indices() {
    return byIndex.keySet().stream().sorted().toList();
  }

  /** The field's mapping in each index that maps it (indices that never saw the field are left out). */
  public Map<String, FieldMapping> field(String path) {
    Map<String, FieldMapping> out = new LinkedHashMap<>();
    for (String index : indices()) {
      FieldMapping f = byIndex.get(index).get(path);
      if (f != null) {
        out.put(index, f);
      }
    }
    return out;
  }
}
