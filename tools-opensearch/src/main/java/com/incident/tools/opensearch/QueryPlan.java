package com.incident.tools.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.common.json.Json;
import com.incident.common.redact.Redactor;
import com.incident.tools.opensearch.IndexMapping.FieldMapping;
import com.incident.tools.opensearch.IndexMapping.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses, from the index mapping, the query clause or aggregation field that works for each field the tools use,
 * so no request fails on a mapping it did not expect (a numeric range on a text {@code status}, a terms aggregation
 * on an analysed field). What cannot be checked on the mapping at hand is recorded as a gap, never sent as a query
 * that OpenSearch would reject. {@code mapping} null means the mapping could not be read: the configured
 * {@link LogSchema} is assumed, as before mappings were read.
 */
final class QueryPlan {
  private final LogSchema schema;
  private final IndexMapping mapping;
  private final List<String> gaps = new ArrayList<>();

  QueryPlan(LogSchema schema, IndexMapping mapping, List<String> initialGaps) {
    this.schema = schema;
    this.mapping = mapping == null || mapping.byIndex().isEmpty() ? null : mapping;
    this.gaps.addAll(initialGaps);
  }

  /** What could not be checked, in the order it was found. */
  List<String> gaps() {
    return List.copyOf(gaps);
  }

  /** A message field and, when it has one, its exact (keyword) path and the longest value that path indexes. */
  record MessageField(String field, String exact, Integer ignoreAbove) {}

  /** Error level in the error level list, or HTTP status 5xx; each clause chosen per index from its mapping. */
  ObjectNode errorFilter() {
    ArrayNode should = Json.MAPPER.createArrayNode();
    if (mapping == null) {
      ArrayNode levels = should.addObject().putObject("terms").putArray(schema.keyword(schema.level()));
      schema.errorLevelSpellings().forEach(levels::add);
      ObjectNode status = should.addObject().putObject("range").putObject(schema.status());
      status.put("gte", 500);
      status.put("lte", 599);
    } else {
      scoped(should, schema.level(), this::levelClause, "error level in '" + schema.level() + "'");
      scoped(should, schema.status(), this::statusClause, "HTTP 5xx in '" + schema.status() + "'");
    }
    ObjectNode q = Json.object();
    if (should.isEmpty()) {
      q.putObject("match_none");
      return q;
    }
    ObjectNode bool = q.putObject("bool");
    bool.set("should", should);
    bool.put("minimum_should_match", 1);
    return q;
  }

  private ObjectNode levelClause(String field, FieldMapping f) {
    ObjectNode q = Json.object();
    if (f.exact() != null) {
      ArrayNode values = q.putObject("terms").putArray(f.exact());
      schema.errorLevelSpellings().forEach(values::add);
      return q;
    }
    if (f.kind() == Kind.TEXT) {
      // Analysed text: a match query finds the level words whatever their case.
      ObjectNode match = q.putObject("match").putObject(field);
      match.put("query", String.join(" ", schema.errorLevels()));
      match.put("operator", "or");
      return q;
    }
    return null;
  }

  private ObjectNode statusClause(String field, FieldMapping f) {
    ObjectNode q = Json.object();
    if (f.kind() == Kind.NUMERIC) {
      ObjectNode range = q.putObject("range").putObject(field);
      range.put("gte", 500);
      range.put("lte", 599);
      return q;
    }
    if (f.exact() != null) {
      // Fluent Bit parsers emit the status as a string: dynamic mapping makes it text with a keyword sub-field.
      ArrayNode values = q.putObject("terms").putArray(f.exact());
      for (int s = 500; s <= 599; s++) {
        values.add(String.valueOf(s));
      }
      return q;
    }
    return null;
  }

  private interface ClauseFor {
    ObjectNode clause(String field, FieldMapping mapping);
  }

  /**
   * Adds the clause for {@code field}, chosen per index. When the indices disagree, or some index maps the field in a
   * way no clause fits, each clause is limited to the indices it was chosen for ({@code _index}), so no shard sees a
   * query its mapping rejects.
   */
  private void scoped(ArrayNode should, String field, ClauseFor chooser, String what) {
    Map<String, FieldMapping> perIndex = mapping.field(field);
    if (perIndex.isEmpty()) {
      gaps.add(what + " not checked: no index behind the pattern maps '" + field + "'");
      return;
    }
    Map<String, ObjectNode> clauses = new LinkedHashMap<>();
    Map<String, List<String>> indices = new LinkedHashMap<>();
    List<String> unusable = new ArrayList<>();
    perIndex.forEach((index, f) -> {
      ObjectNode clause = chooser.clause(field, f);
      if (clause == null) {
        unusable.add(index + " (" + describe(f) + ")");
        return;
      }
      String key = Json.write(clause);
      clauses.putIfAbsent(key, clause);
      indices.computeIfAbsent(key, k -> new ArrayList<>()).add(index);
    });
    if (!unusable.isEmpty()) {
      gaps.add(what + " not checked in " + String.join(", ", unusable) + ": no exact or numeric form to query");
    }
    boolean scope = clauses.size() > 1 || !unusable.isEmpty();
    clauses.forEach((key, clause) -> {
      if (!scope) {
        should.add(clause);
        return;
      }
      ArrayNode filter = should.addObject().putObject("bool").putArray("filter");
      ArrayNode names = filter.addObject().putObject("terms").putArray("_index");
      indices.get(key).forEach(names::add);
      filter.add(clause);
    });
  }

  /**
   * The one path a terms aggregation on {@code field} can use in every index (numeric or keyword), or empty with a
   * gap when the field is analysed text only or the indices disagree.
   */
  Optional<String> aggregatable(String field, String purpose) {
    if (mapping == null) {
      return Optional.of(field.equals(schema.status()) ? field : schema.keyword(field));
    }
    Map<String, FieldMapping> perIndex = mapping.field(field);
    if (perIndex.isEmpty()) {
      return Optional.of(schema.keyword(field)); // never indexed: every line falls in the "(none)" group
    }
    List<String> paths = perIndex.values().stream()
        .map(f -> f.kind() == Kind.NUMERIC ? field : f.exact())
        .distinct()
        .toList();
    if (paths.size() == 1 && paths.getFirst() != null) {
      return Optional.of(paths.getFirst());
    }
    gaps.add(purpose + " cannot be aggregated on '" + field + "' (" + describe(perIndex) + "); grouped from a sample instead");
    return Optional.empty();
  }

  /** The field's path for an average, or empty with a gap when some index does not map it as a number. */
  Optional<String> numeric(String field) {
    if (mapping == null) {
      return Optional.of(field);
    }
    Map<String, FieldMapping> perIndex = mapping.field(field);
    if (perIndex.isEmpty()) {
      gaps.add("avg(" + field + ") not checked: no index behind the pattern maps '" + field + "'");
      return Optional.empty();
    }
    if (perIndex.values().stream().allMatch(f -> f.kind() == Kind.NUMERIC)) {
      return Optional.of(field);
    }
    gaps.add("avg(" + field + ") not checked: '" + field + "' is not numeric in every index (" + describe(perIndex)
        + "); averages need a numeric mapping");
    return Optional.empty();
  }

  /** The message fields, each with the exact path its lines can be aggregated on when every index agrees on one. */
  List<MessageField> messageFields() {
    List<MessageField> out = new ArrayList<>();
    for (String field : schema.messages()) {
      if (mapping == null) {
        out.add(new MessageField(field, schema.keyword(field), null));
        continue;
      }
      Map<String, FieldMapping> perIndex = mapping.field(field);
      if (perIndex.isEmpty()) {
        continue;
      }
      List<String> exact = perIndex.values().stream().map(FieldMapping::exact).distinct().toList();
      Integer ignoreAbove = perIndex.values().stream().map(FieldMapping::ignoreAbove)
          .filter(i -> i != null).min(Integer::compare).orElse(null);
      out.add(new MessageField(field, exact.size() == 1 ? exact.getFirst() : null, ignoreAbove));
    }
    return out;
  }

  /**
   * Lines no exact path holds, so no terms aggregation counts them: longer than {@code ignore_above} (the keyword
   * value is simply not indexed; a keyword-typed field then does not even "exist" for the line), or in a message field
   * without an exact path at all.
   */
  static ObjectNode unaggregatedLines(List<MessageField> fields) {
    ObjectNode q = Json.object();
    List<String> exact = fields.stream().map(MessageField::exact).filter(e -> e != null).toList();
    if (exact.isEmpty()) {
      q.putObject("match_all");
      return q;
    }
    ArrayNode mustNot = q.putObject("bool").putArray("must_not");
    exact.forEach(e -> mustNot.addObject().putObject("exists").put("field", e));
    return q;
  }

  /** Shards that failed still give HTTP 200 with partial results; a partial count must not pass as complete. */
  void shardFailures(JsonNode response) {
    JsonNode shards = response.path("_shards");
    if (shards.path("failed").asInt() > 0) {
      JsonNode first = shards.path("failures").path(0);
      gaps.add(shards.path("failed").asInt() + " of " + shards.path("total").asInt() + " shards failed (" 
          + first.path("index").asText("?") + ": " + Redactor.DEFAULT.redact(first.path("reason").path("reason").asText("unknown"))
          + "); counts cover the other shards only");
    }
  }

  private static String describe(Map<String, FieldMapping> perIndex) {
    List<String> parts = new ArrayList<>();
    perIndex.forEach((index, f) -> parts.add(index + ": " + describe(f)));
    return String.join("; ", parts);
  }

  private static String describe(FieldMapping f) {
    return f.type() + (f.kind() == Kind.TEXT && f.exact() == null ? " without a keyword sub-field" : "");
  }
}
