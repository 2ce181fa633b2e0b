package com.incident.local.eval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.common.json.Json;
import com.incident.local.scenario.Scenario;

/** One generated incident: the scenario file's JSON (public format) and what a correct run concludes. */
public record GeneratedIncident(ObjectNode json, Expectation expectation) {

  public String name() {
    return json.path("name").asText();
  }

  /** The scenario as the sandbox runs it (fields the record does not model, such as podLogs, stay in the JSON). */
  public Scenario scenario() {
    return Json.convert(json, Scenario.class);
  }
}
