package com.incident.agent.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkNumber;
import software.amazon.awssdk.core.document.Document;

/** Jackson trees to and from the SDK's {@link Document} (tool schemas out, tool inputs in). */
public final class Documents {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Documents() {}

  public static Document toDocument(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return Document.fromNull();
    }
    if (node.isObject()) {
      Map<String, Document> map = new LinkedHashMap<>();
      node.properties().forEach(e -> map.put(e.getKey(), toDocument(e.getValue())));
      return Document.fromMap(map);
    }
    if (node.isArray()) {
      List<Document> list = new ArrayList<>();
      node.forEach(n -> list.add(toDocument(n)));
      return Document.fromList(list);
    }
    if (node.isBoolean()) {
      return Document.fromBoolean(node.booleanValue());
    }
    if (node.isIntegralNumber()) {
      return Document.fromNumber(SdkNumber.fromBigInteger(node.bigIntegerValue()));
    }
    if (node.isNumber()) {
      return Document.fromNumber(SdkNumber.fromBigDecimal(node.decimalValue()));
    }
    return Document.fromString(node.asText());
  }

  /** Integral values become int/long nodes and fractions doubles, as a JSON parser would produce them. */
  private static JsonNode number(BigDecimal value) {
    if (value.signum() == 0 || value.stripTrailingZeros().scale() <= 0) {
      try {
        long l = value.longValueExact();
        return l == (int) l ? NODES.numberNode((int) l) : NODES.numberNode(l);
      } catch (ArithmeticException e) {
        return NODES.numberNode(value.toBigInteger());
      }
    }
    return NODES.numberNode(value.doubleValue());
  }

  public static JsonNode toJson(Document doc) {
    if (doc == null || doc.isNull()) {
      return NODES.nullNode();
    }
    if (doc.isMap()) {
      ObjectNode obj = NODES.objectNode();
      doc.asMap().forEach((k, v) -> obj.set(k, toJson(v)));
      return obj;
    }
    if (doc.isList()) {
      ArrayNode arr = NODES.arrayNode();
      doc.asList().forEach(v -> arr.add(toJson(v)));
      return arr;
    }
    if (doc.isBoolean()) {
      return NODES.booleanNode(doc.asBoolean());
    }
    if (doc.isNumber()) {
      return number(doc.asNumber().bigDecimalValue());
    }
    return NODES.textNode(doc.asString());
  }
}
