package com.incident.tools.chaos;

import com.incident.common.json.Json;
import com.incident.kube.chaos.PlannedAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The identity of a plan: sha-256 over its ordered actions, each as scenario, action, kind, namespace, name, the
 * resourceVersion read, before and after. An approval names this hash; any change to an object the plan touches
 * (a new resourceVersion) or to what the plan would do gives another hash, so an approval never covers it.
 */
final class PlanHash {
  /** A hash as the tool prints it and accepts it in {@code expected_plan_hash}. */
  static final String PATTERN = "^[0-9a-f]{64}$";

  private PlanHash() {}

  static String of(List<PlannedAction> actions) {
    // A JSON array of string arrays: unambiguous however the fields are spelled, and stable across JVMs.
    List<List<String>> canonical = actions.stream().map(a -> Arrays.asList(a.scenario().id(), a.type().id(),
        a.target().kind(), a.target().namespace(), a.target().name(),
        a.change() == null || a.change().getMetadata() == null ? null : a.change().getMetadata().getResourceVersion(),
        a.before(), a.after())).toList();
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(Json.write(canonical).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides SHA-256", e);
    }
  }
}
