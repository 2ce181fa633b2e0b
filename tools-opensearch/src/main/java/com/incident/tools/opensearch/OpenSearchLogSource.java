package com.incident.tools.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.common.json.Json;
import com.incident.common.redact.Redactor;
import com.incident.common.tool.ToolException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;
import org.opensearch.client.transport.httpclient5.ResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link LogSource} over an OpenSearch cluster through opensearch-java's generic client: the request bodies are
 * plain query DSL, so what runs is exactly what an SRE would paste into Dev Tools. Aggregations run server-side;
 * only the top groups and one example line per message come back.
 */
public final class OpenSearchLogSource implements LogSource {
  private static final Logger log = LoggerFactory.getLogger(OpenSearchLogSource.class);

  static final Comparator<ErrorGroup> GROUP_ORDER =
      Comparator.comparingLong(ErrorGroup::count).reversed().thenComparing(ErrorGroup::key);
  static final Comparator<MessageCount> MESSAGE_ORDER =
      Comparator.comparingLong(MessageCount::count).reversed().thenComparing(MessageCount::message);

  /** Long enough to read the mapping once per burst of calls, short enough to see tomorrow's daily index. */
  static final Duration MAPPING_TTL = Duration.ofMinutes(15);
  /** Lines fetched when groups must be formed client-side; bounds the response even for long stack traces. */
  static final int SAMPLE_SIZE = 300;

  private final OpenSearchGenericClient client;
  private final LogSchema schema;
  private final String endpoint;
  private final Clock clock;
  private final Map<String, CachedMapping> mappings = new ConcurrentHashMap<>();

  public OpenSearchLogSource(OpenSearchGenericClient client, LogSchema schema, String endpoint) {
    this(client, schema, endpoint, Clock.systemUTC());
  }

  public OpenSearchLogSource(OpenSearchGenericClient client, LogSchema schema, String endpoint, Clock clock) {
    this.client = client;
    this.schema = schema;
    this.endpoint = endpoint;
    this.clock = clock;
  }

  @Override
  public SearchPage search(String index, String query, TimeWindow window, int size) {
    ObjectNode body = Json.object();
    body.put("size", size);
    body.put("track_total_hits", true);
    ObjectNode bool = body.putObject("query").putObject("bool");
    bool.putArray("filter").add(timeRange(window));
    ObjectNode qs = bool.putArray("must").addObject().putObject("query_string");
    qs.put("query", query);
    qs.put("default_operator", "AND");
    body.putArray("sort").addObject().putObject(schema.timestamp()).put("order", "desc");
    sourceFields(body);
    JsonNode response = post("/" + path(index) + "/_search", body, index);
    List<LogEvent> events = new ArrayList<>();
    response.path("hits").path("hits").forEach(h -> events.add(toEvent(h.path("_source"))));
    return new SearchPage(response.path("hits").path("total").path("value").asLong(events.size()), events);
  }

  @Override
  public ErrorBreakdown errors(String index, TimeWindow window, GroupBy groupBy, int maxGroups, int maxMessages) {
    QueryPlan plan = plan(index);
    ObjectNode errors = Json.object();
    ArrayNode filter = errors.putObject("bool").putArray("filter");
    filter.add(timeRange(window));
    filter.add(plan.errorFilter());
    List<QueryPlan.MessageField> messageFields = plan.messageFields();
    List<QueryPlan.MessageField> exactFields = messageFields.stream().filter(f -> f.exact() != null).toList();
    Optional<String> groupField = groupBy == GroupBy.MESSAGE ? Optional.empty()
        : plan.aggregatable(groupSourceField(groupBy), "group_by=" + groupBy.id());
    boolean serverGroups = groupBy == GroupBy.MESSAGE ? !exactFields.isEmpty() : groupField.isPresent();

    ObjectNode body = Json.object();
    body.put("size", 0);
    body.put("track_total_hits", true);
    body.set("query", errors);
    ObjectNode aggs = body.putObject("aggs");
    aggs.set("per_minute", dateHistogram(window, Duration.ofMinutes(1)));
    ObjectNode unaggregated = QueryPlan.unaggregatedLines(messageFields);
    aggs.putObject("unaggregated").set("filter", unaggregated);
    if (serverGroups && groupBy == GroupBy.MESSAGE) {
      for (int i = 0; i < exactFields.size(); i++) {
        aggs.putObject("g" + i).set("terms", terms(exactFields.get(i).exact(), maxGroups));
        aggs.with("g" + i).putObject("aggs").set("example", example());
      }
    } else if (serverGroups) {
      aggs.putObject("groups").set("terms", terms(groupField.get(), maxGroups));
      aggs.with("groups").set("aggs", messageAggs(exactFields, maxMessages));
      aggs.putObject("none").putObject("missing").put("field", groupField.get());
      aggs.with("none").set("aggs", messageAggs(exactFields, maxMessages));
    }
    JsonNode response = post("/" + path(index) + "/_search", body, index);
    plan.shardFailures(response);
    JsonNode a = response.path("aggregations");
    long total = response.path("hits").path("total").path("value").asLong();
    List<Bucket> perMinute = buckets(a.path("per_minute"), false);

    if (!serverGroups) {
      Sample sample = total == 0 ? new Sample(List.of(), 0) : sample(index, errors, total);
      return new ErrorBreakdown(total, clientGroups(sample.events(), groupBy, maxGroups, maxMessages), perMinute,
          new Grouping(Grouping.Method.SAMPLED, sample.events().size(), sample.of(),
              "no field to aggregate on; groups formed from the newest " + sample.events().size() + " of " + sample.of()
                  + " error lines, messages by normalised first line"),
          plan.gaps());
    }
    List<ErrorGroup> groups = new ArrayList<>();
    if (groupBy == GroupBy.MESSAGE) {
      for (int i = 0; i < exactFields.size(); i++) {
        for (JsonNode b : a.path("g" + i).path("buckets")) {
          long count = b.path("doc_count").asLong();
          String message = key(b);
          groups.add(new ErrorGroup(message, count, List.of(new MessageCount(message, count, exampleOf(b)))));
        }
      }
    } else {
      for (JsonNode b : a.path("groups").path("buckets")) {
        groups.add(new ErrorGroup(key(b), b.path("doc_count").asLong(), messages(b, exactFields.size(), maxMessages)));
      }
      JsonNode none = a.path("none");
      if (none.path("doc_count").asLong() > 0) {
        groups.add(new ErrorGroup(NONE, none.path("doc_count").asLong(), messages(none, exactFields.size(), maxMessages)));
      }
    }
    long unaggregatedLines = a.path("unaggregated").path("doc_count").asLong();
    Grouping grouping = Grouping.EXACT;
    if (unaggregatedLines > 0) {
      ObjectNode longLines = Json.object();
      ArrayNode both = longLines.putObject("bool").putArray("filter");
      both.add(errors);
      both.add(unaggregated);
      Sample sample = sample(index, longLines, unaggregatedLines);
      groups = withLongLines(groups, sample.events(), groupBy, maxMessages);
      grouping = new Grouping(Grouping.Method.LONG_LINES_SAMPLED, sample.events().size(), sample.of(),
          sample.of() + " error lines are not in the keyword field" + limits(messageFields)
              + "; grouped by normalised first line from the newest " + sample.events().size());
    }
    List<ErrorGroup> top = groups.stream().sorted(GROUP_ORDER).limit(maxGroups).toList();
    return new ErrorBreakdown(total, top, perMinute, grouping, plan.gaps());
  }

  private static String limits(List<QueryPlan.MessageField> fields) {
    List<String> parts = fields.stream().filter(f -> f.exact() != null && f.ignoreAbove() != null)
        .map(f -> f.exact() + " ignore_above " + f.ignoreAbove()).toList();
    return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
  }

  private record Sample(List<LogEvent> events, long of) {}

  /** The newest {@link #SAMPLE_SIZE} lines matching {@code query}, with the needed source fields only. */
  private Sample sample(String index, ObjectNode query, long of) {
    ObjectNode body = Json.object();
    body.put("size", SAMPLE_SIZE);
    body.set("query", query);
    body.putArray("sort").addObject().putObject(schema.timestamp()).put("order", "desc");
    sourceFields(body);
    JsonNode response = post("/" + path(index) + "/_search", body, index);
    List<LogEvent> events = new ArrayList<>();
    response.path("hits").path("hits").forEach(h -> events.add(toEvent(h.path("_source"))));
    return new Sample(events, Math.max(of, events.size()));
  }

  private static String groupKey(LogEvent e, GroupBy groupBy) {
    String key = switch (groupBy) {
      case SERVICE -> e.service();
      case POD -> e.pod();
      case ERROR_CODE -> e.status() == null ? null : String.valueOf(e.status());
      case MESSAGE -> messageKey(e);
    };
    return key == null || key.isEmpty() ? NONE : key;
  }

  private static String messageKey(LogEvent e) {
    String key = MessageKey.of(e.message());
    return key.isEmpty() ? NONE : key;
  }

  /** Groups and top messages counted over sampled lines ({@code events} newest first, so the first is the example). */
  static List<ErrorGroup> clientGroups(List<LogEvent> events, GroupBy groupBy, int maxGroups, int maxMessages) {
    Map<String, List<LogEvent>> byGroup = new LinkedHashMap<>();
    events.forEach(e -> byGroup.computeIfAbsent(groupKey(e, groupBy), k -> new ArrayList<>()).add(e));
    return byGroup.entrySet().stream()
        .map(g -> new ErrorGroup(g.getKey(), g.getValue().size(), sampledMessages(g.getValue(), maxMessages)))
        .sorted(GROUP_ORDER)
        .limit(maxGroups)
        .toList();
  }

  private static List<MessageCount> sampledMessages(List<LogEvent> events, int max) {
    Map<String, List<LogEvent>> byKey = new LinkedHashMap<>();
    events.forEach(e -> byKey.computeIfAbsent(messageKey(e), k -> new ArrayList<>()).add(e));
    return byKey.entrySet().stream()
        .map(m -> new MessageCount(m.getKey(), m.getValue().size(), m.getValue().getFirst()))
        .sorted(MESSAGE_ORDER)
        .limit(max)
        .toList();
  }

  /** Adds the sampled long lines to the exactly counted groups: as their own groups, or to their group's messages. */
  private static List<ErrorGroup> withLongLines(List<ErrorGroup> groups, List<LogEvent> longLines, GroupBy groupBy, int maxMessages) {
    List<ErrorGroup> out = new ArrayList<>(groups);
    if (groupBy == GroupBy.MESSAGE) {
      out.addAll(clientGroups(longLines, groupBy, Integer.MAX_VALUE, 1));
      return out;
    }
    Map<String, List<LogEvent>> byGroup = new LinkedHashMap<>();
    longLines.forEach(e -> byGroup.computeIfAbsent(groupKey(e, groupBy), k -> new ArrayList<>()).add(e));
    for (int i = 0; i < out.size(); i++) {
      ErrorGroup g = out.get(i);
      List<LogEvent> extra = byGroup.get(g.key());
      if (extra != null) {
        List<MessageCount> messages = new ArrayList<>(g.topMessages());
        messages.addAll(sampledMessages(extra, maxMessages));
        out.set(i, new ErrorGroup(g.key(), g.count(), messages.stream().sorted(MESSAGE_ORDER).limit(maxMessages).toList()));
      }
    }
    return out;
  }

  @Override
  public Series histogram(String index, TimeWindow window, Duration interval, Optional<String> numericField) {
    QueryPlan plan = plan(index);
    Optional<String> field = numericField.isEmpty() ? Optional.empty() : plan.numeric(numericField.get());
    if (numericField.isPresent() && field.isEmpty()) {
      return new Series(List.of(), plan.gaps());
    }
    ObjectNode body = Json.object();
    body.put("size", 0);
    ArrayNode filter = body.putObject("query").putObject("bool").putArray("filter");
    filter.add(timeRange(window));
    if (field.isPresent()) {
      filter.addObject().putObject("exists").put("field", field.get());
    } else {
      filter.add(plan.errorFilter());
    }
    ObjectNode histogram = dateHistogram(window, interval);
    field.ifPresent(f -> histogram.putObject("aggs").putObject("value").putObject("avg").put("field", f));
    body.putObject("aggs").set("histogram", histogram);
    JsonNode response = post("/" + path(index) + "/_search", body, index);
    plan.shardFailures(response);
    return new Series(buckets(response.path("aggregations").path("histogram"), field.isPresent()), plan.gaps());
  }

  /**
   * The mapping of everything behind {@code index}, read once and cached for {@link #MAPPING_TTL} (daily indices
   * appear under a pattern). When {@code _mapping} is refused, {@code _field_caps} (a read permission on OpenSearch
   * Serverless) gives the same field types. A missing index is the caller's error; when neither can be read that is a
   * gap, and the queries fall back to the configured field layout.
   */
  QueryPlan plan(String index) {
    Instant now = clock.instant();
    CachedMapping cached = mappings.get(index);
    if (cached != null && now.isBefore(cached.expires())) {
      return new QueryPlan(schema, cached.mapping(), List.of());
    }
    Reply reply = execute("GET", "/" + path(index) + "/_mapping", null);
    if (reply.status() == 404 && "index_not_found_exception".equals(errorType(reply.body()))) {
      throw missingIndex(index);
    }
    IndexMapping mapping;
    if (reply.status() < 300) {
      mapping = IndexMapping.parse(reply.body());
    } else {
      Reply caps = execute("GET", "/" + path(index) + "/_field_caps", Map.of("fields", "*"), null);
      if (caps.status() >= 300) {
        String reason = Redactor.DEFAULT.redact(rootReason(caps.body()));
        log.warn("Cannot read the mapping of {}: _mapping HTTP {}, _field_caps HTTP {} {}", index, reply.status(), caps.status(), reason);
        return new QueryPlan(schema, null, List.of("index mapping not readable (_mapping HTTP " + reply.status()
            + ", _field_caps HTTP " + caps.status() + "), so field types were assumed from the configuration"));
      }
      mapping = IndexMapping.fromFieldCaps(caps.body());
    }
    mappings.put(index, new CachedMapping(mapping, now.plus(MAPPING_TTL)));
    return new QueryPlan(schema, mapping, List.of());
  }

  private record CachedMapping(IndexMapping mapping, Instant expires) {}

  @Override
  public DetectorFindings detectorFindings(String index, TimeWindow window, int maxPerDetector) {
    try {
      ObjectNode search = Json.object();
      search.put("size", 10);
      search.putObject("query").putObject("match_all");
      Reply detectors = execute("POST", "/_plugins/_anomaly_detection/detectors/_search", search);
      if (detectors.status() == 404 && "index_not_found_exception".equals(errorType(detectors.body()))) {
        return new DetectorFindings(true, "no anomaly detector is defined on this cluster", List.of());
      }
      if (detectors.status() == 400 || detectors.status() == 404 || detectors.status() == 405) {
        return new DetectorFindings(false, "the Anomaly Detection plugin is not installed on this cluster", List.of());
      }
      if (detectors.status() == 401 || detectors.status() == 403) {
        return new DetectorFindings(false, "not permitted to read anomaly detectors (HTTP " + detectors.status() + ")", List.of());
      }
      if (detectors.status() >= 300) {
        return new DetectorFindings(false, "anomaly detectors unavailable (HTTP " + detectors.status() + ")", List.of());
      }
      List<Detector> out = new ArrayList<>();
      for (JsonNode hit : detectors.body().path("hits").path("hits")) {
        JsonNode d = hit.path("_source");
        if (!coversIndex(d.path("indices"), index)) {
          continue;
        }
        out.add(new Detector(hit.path("_id").asText(), d.path("name").asText(), findings(hit.path("_id").asText(), window, maxPerDetector)));
      }
      return new DetectorFindings(true, out.isEmpty() ? "no anomaly detector covers index " + index : "", out);
    } catch (ToolException e) {
      log.warn("Anomaly Detection plugin lookup failed: {}", e.getMessage());
      return new DetectorFindings(false, "anomaly detectors unavailable: " + e.getMessage(), List.of());
    }
  }

  private List<Finding> findings(String detectorId, TimeWindow window, int max) {
    ObjectNode body = Json.object();
    body.put("size", max);
    ArrayNode filter = body.putObject("query").putObject("bool").putArray("filter");
    filter.addObject().putObject("term").put("detector_id", detectorId);
    filter.addObject().putObject("range").putObject("anomaly_grade").put("gt", 0);
    ObjectNode range = filter.addObject().putObject("range").putObject("data_start_time");
    range.put("gte", window.from().toEpochMilli());
    range.put("lt", window.to().toEpochMilli());
    range.put("format", "epoch_millis");
    body.putArray("sort").addObject().putObject("anomaly_grade").put("order", "desc");
    Reply reply = execute("POST", "/_plugins/_anomaly_detection/detectors/results/_search", body);
    if (reply.status() >= 300) {
      return List.of();
    }
    List<Finding> out = new ArrayList<>();
    for (JsonNode hit : reply.body().path("hits").path("hits")) {
      JsonNode s = hit.path("_source");
      out.add(new Finding(Instant.ofEpochMilli(s.path("data_start_time").asLong()), Instant.ofEpochMilli(s.path("data_end_time").asLong()),
          s.path("anomaly_grade").asDouble(), s.path("confidence").asDouble()));
    }
    return out;
  }

  private static boolean coversIndex(JsonNode indices, String index) {
    for (JsonNode i : indices) {
      String pattern = i.asText();
      if (pattern.equals(index) || (pattern.endsWith("*") && index.startsWith(pattern.substring(0, pattern.length() - 1)))
          || (index.endsWith("*") && pattern.startsWith(index.substring(0, index.length() - 1)))) {
        return true;
      }
    }
    return false;
  }

  private ObjectNode timeRange(TimeWindow window) {
    ObjectNode q = Json.object();
    ObjectNode r = q.putObject("range").putObject(schema.timestamp());
    r.put("gte", window.from().toEpochMilli());
    r.put("lt", window.to().toEpochMilli());
    r.put("format", "epoch_millis");
    return q;
  }

  private ObjectNode dateHistogram(TimeWindow window, Duration interval) {
    ObjectNode agg = Json.object();
    ObjectNode h = agg.putObject("date_histogram");
    h.put("field", schema.timestamp());
    h.put("fixed_interval", interval.toSeconds() + "s");
    h.put("min_doc_count", 0);
    ObjectNode bounds = h.putObject("extended_bounds");
    bounds.put("min", window.from().toEpochMilli());
    bounds.put("max", window.to().toEpochMilli() - 1);
    return agg;
  }

  private static ObjectNode terms(String field, int size) {
    ObjectNode t = Json.object();
    t.put("field", field);
    t.put("size", size);
    ArrayNode order = t.putArray("order");
    order.addObject().put("_count", "desc");
    order.addObject().put("_key", "asc");
    return t;
  }

  private ObjectNode messageAggs(List<QueryPlan.MessageField> exactFields, int maxMessages) {
    ObjectNode aggs = Json.object();
    for (int i = 0; i < exactFields.size(); i++) {
      ObjectNode m = aggs.putObject("m" + i);
      m.set("terms", terms(exactFields.get(i).exact(), maxMessages));
      m.putObject("aggs").set("example", example());
    }
    return aggs;
  }

  private ObjectNode example() {
    ObjectNode agg = Json.object();
    ObjectNode top = agg.putObject("top_hits");
    top.put("size", 1);
    top.putArray("sort").addObject().putObject(schema.timestamp()).put("order", "desc");
    sourceFields(top);
    return agg;
  }

  private List<MessageCount> messages(JsonNode bucket, int fields, int max) {
    List<MessageCount> out = new ArrayList<>();
    for (int i = 0; i < fields; i++) {
      for (JsonNode b : bucket.path("m" + i).path("buckets")) {
        out.add(new MessageCount(key(b), b.path("doc_count").asLong(), exampleOf(b)));
      }
    }
    return out.stream().sorted(MESSAGE_ORDER).limit(max).toList();
  }

  private LogEvent exampleOf(JsonNode bucket) {
    JsonNode hits = bucket.path("example").path("hits").path("hits");
    return hits.isEmpty() ? null : toEvent(hits.get(0).path("_source"));
  }

  private static List<Bucket> buckets(JsonNode histogram, boolean numeric) {
    List<Bucket> out = new ArrayList<>();
    for (JsonNode b : histogram.path("buckets")) {
      JsonNode v = b.path("value").path("value");
      out.add(new Bucket(Instant.ofEpochMilli(b.path("key").asLong()), b.path("doc_count").asLong(),
          numeric && v.isNumber() ? v.asDouble() : null));
    }
    return out;
  }

  private void sourceFields(ObjectNode body) {
    ArrayNode fields = body.putArray("_source");
    fields.add(schema.timestamp());
    schema.messages().forEach(fields::add);
    for (String f : List.of(schema.level(), schema.service(), schema.pod(), schema.namespace(), schema.status())) {
      fields.add(f);
    }
  }

  private String groupSourceField(GroupBy groupBy) {
    return switch (groupBy) {
      case SERVICE -> schema.service();
      case POD -> schema.pod();
      case ERROR_CODE -> schema.status();
      case MESSAGE -> throw new IllegalArgumentException("message groups use one terms aggregation per message field");
    };
  }

  private static String key(JsonNode bucket) {
    return bucket.hasNonNull("key_as_string") ? bucket.get("key_as_string").asText() : bucket.path("key").asText();
  }

  LogEvent toEvent(JsonNode source) {
    String message = null;
    for (String f : schema.messages()) {
      JsonNode m = field(source, f);
      if (m != null && !m.isNull()) {
        message = m.asText();
        break;
      }
    }
    JsonNode status = field(source, schema.status());
    return new LogEvent(instant(field(source, schema.timestamp())), text(source, schema.level()), text(source, schema.service()),
        text(source, schema.pod()), text(source, schema.namespace()), message,
        parseStatus(status));
  }

  private static Integer parseStatus(JsonNode status) {
    if (status == null || status.isNull()) {
      return null;
    }
    try {
      return Integer.parseInt(status.asText().trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String text(JsonNode source, String path) {
    JsonNode v = field(source, path);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** A dotted path that may be a flat key ("kubernetes.pod_name") or nested objects, or a mix of both. */
  static JsonNode field(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      return null;
    }
    if (node.has(path)) {
      return node.get(path);
    }
    for (int dot = path.indexOf('.'); dot > 0; dot = path.indexOf('.', dot + 1)) {
      JsonNode child = node.get(path.substring(0, dot));
      JsonNode found = field(child, path.substring(dot + 1));
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private static Instant instant(JsonNode v) {
    if (v == null || v.isNull()) {
      return Instant.EPOCH;
    }
    if (v.isNumber()) {
      return Instant.ofEpochMilli(v.asLong());
    }
    String s = v.asText();
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(s).toInstant();
      } catch (DateTimeParseException e2) {
        return Instant.EPOCH;
      }
    }
  }

  private JsonNode post(String path, ObjectNode body, String index) {
    Reply reply = execute("POST", path, body);
    if (reply.status() >= 300) {
      throw failure(reply, index);
    }
    return reply.body();
  }

  private record Reply(int status, JsonNode body) {}

  private Reply execute(String method, String path, ObjectNode body) {
    return execute(method, path, Map.of(), body);
  }

  private Reply execute(String method, String path, Map<String, String> query, ObjectNode body) {
    var request = Requests.builder().method(method).endpoint(path).query(query);
    if (body != null) {
      request.json(Json.write(body));
    }
    try (Response response = client.execute(request.build())) {
      String text = response.getBody().map(b -> b.bodyAsString()).orElse("");
      JsonNode json = text.isBlank() ? Json.object() : Json.MAPPER.readTree(text);
      return new Reply(response.getStatus(), json);
    } catch (InterruptedIOException e) {
      throw new ToolException("OpenSearch did not answer in time (" + e.getClass().getSimpleName()
          + "); narrow the time range or the query and retry");
    } catch (ConnectException | UnknownHostException e) {
      throw new ToolException("Cannot reach OpenSearch at " + endpoint + " (" + e.getClass().getSimpleName()
          + "); check OPENSEARCH_ENDPOINT and the function's network access");
    } catch (RuntimeException e) {
      // SigV4 signing without credentials, or the SDK transport failing before any answer: say what is missing.
      throw new ToolException("Cannot reach OpenSearch at " + endpoint + ": "
          + com.incident.common.config.AccessFailure.describe(e).orElseThrow(() -> e));
    } catch (IOException e) {
      com.incident.common.config.AccessFailure.describe(e).ifPresent(reason -> {
        throw new ToolException("Cannot reach OpenSearch at " + endpoint + ": " + reason);
      });
      // The Apache transport turns 401/403 into exceptions before the generic client sees a response.
      for (Throwable c = e; c != null; c = c.getCause()) {
        if (c instanceof ResponseException re) {
          return new Reply(re.status(), Json.object());
        }
      }
      String m = String.valueOf(e.getMessage());
      if (m.toLowerCase().contains("timeout") || m.toLowerCase().contains("timed out")) {
        throw new ToolException("OpenSearch did not answer in time; narrow the time range or the query and retry");
      }
      log.warn("OpenSearch request failed: {}", e.toString());
      throw new ToolException("OpenSearch request failed (" + e.getClass().getSimpleName() + "); retry, or check the cluster health");
    }
  }

  private ToolException failure(Reply reply, String index) {
    String type = errorType(reply.body());
    String reason = Redactor.DEFAULT.redact(rootReason(reply.body()));
    int status = reply.status();
    log.warn("OpenSearch rejected a request status={} type={} reason={}", status, type, reason);
    if ("index_not_found_exception".equals(type)) {
      return missingIndex(index);
    }
    if (status == 401 || status == 403) {
      return new ToolException("OpenSearch refused access (HTTP " + status + "): " + reason
          + ". Check the function role's es:ESHttpGet/ESHttpPost permission and the domain access policy or role mapping"
          + " (OpenSearch Serverless: aoss:APIAccessAll and the collection's data access policy)");
    }
    if (status == 408 || status == 504) {
      return new ToolException("OpenSearch timed out (HTTP " + status + "); narrow the time range or the query and retry");
    }
    if (status == 429) {
      return new ToolException("OpenSearch is rejecting requests (HTTP 429, too many requests); retry in a few seconds");
    }
    if (status == 400 && (reason.contains("Failed to parse query") || "query_shard_exception".equals(type)
        || "parse_exception".equals(type) || reason.contains("Cannot parse"))) {
      return new ToolException("Query syntax error: " + reason
          + ". Use Lucene query_string syntax, e.g. level:ERROR AND \"connection refused\"");
    }
    if (status == 400) {
      return new ToolException("OpenSearch rejected the request: " + reason);
    }
    return new ToolException("OpenSearch error (HTTP " + status + "): " + reason);
  }

  static ToolException missingIndex(String index) {
    return new ToolException("Index '" + index + "' does not exist; check the name or use a pattern such as eks-app-logs*");
  }

  private static String errorType(JsonNode body) {
    JsonNode error = body.path("error");
    JsonNode root = error.path("root_cause").path(0);
    return root.hasNonNull("type") ? root.get("type").asText() : error.path("type").asText(null);
  }

  private static String rootReason(JsonNode body) {
    JsonNode error = body.path("error");
    if (error.isTextual()) {
      return error.asText();
    }
    for (JsonNode candidate : List.of(error.path("failed_shards").path(0).path("reason").path("caused_by"),
        error.path("caused_by"), error.path("root_cause").path(0), error)) {
      if (candidate.hasNonNull("reason")) {
        return candidate.get("reason").asText();
      }
    }
    return body.path("message").asText("access denied");
  }

  private static String path(String index) {
    return URLEncoder.encode(index, StandardCharsets.UTF_8).replace("%2A", "*").replace("%2C", ",");
  }

}
