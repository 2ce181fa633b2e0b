package com.incident.agent.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.common.json.Json;
import mockwebserver3.MockResponse;
import okhttp3.Headers;

/** Scripted Bedrock Converse answers, shaped like the real API's JSON (POST /model/{modelId}/converse). */
public final class Converse {
  private Converse() {}

  public static MockResponse toolUse(String stopReason, ObjectNode... blocks) {
    ObjectNode body = Json.object();
    ArrayNode content = body.putObject("output").putObject("message").put("role", "assistant").putArray("content");
    for (ObjectNode b : blocks) {
      content.add(b);
    }
    body.put("stopReason", stopReason);
    body.putObject("usage").put("inputTokens", 1200).put("outputTokens", 300).put("totalTokens", 1500)
        .put("cacheReadInputTokens", 2000).put("cacheWriteInputTokens", 0);
    body.putObject("metrics").put("latencyMs", 900);
    return new MockResponse(200, Headers.of("Content-Type", "application/json"), Json.write(body));
  }

  public static MockResponse calls(ObjectNode... toolUses) {
    return toolUse("tool_use", toolUses);
  }

  public static MockResponse submit(JsonNode analysis) {
    return toolUse("tool_use", text("분석을 제출합니다."), use("submit_1", "submit_analysis", analysis));
  }

  public static MockResponse say(String text) {
    return toolUse("end_turn", text(text));
  }

  public static MockResponse error(int status, String type) {
    return new MockResponse(status, Headers.of("Content-Type", "application/json", "x-amzn-ErrorType", type),
        "{\"message\":\"" + type + " (scripted)\"}");
  }

  public static ObjectNode text(String text) {
    return Json.object().put("text", text);
  }

  public static ObjectNode use(String id, String name, JsonNode input) {
    ObjectNode block = Json.object();
    block.putObject("toolUse").put("toolUseId", id).put("name", name).set("input", input);
    return block;
  }

  /** A valid Korean analysis naming the stress workload (remediation stress-workload unless told otherwise). */
  public static ObjectNode stressAnalysis(String scenario) {
    ObjectNode a = Json.object();
    a.put("summary", "default 네임스페이스의 stress-ng 파드가 노드 CPU를 점유해 ui 파드의 CPU 사용률이 92.4%까지 올랐습니다.");
    a.put("incidentType", "resource-saturation");
    a.putArray("affectedComponents").add("pod/ui").add("deployment/stress-ng");
    a.putArray("techStack").add("EKS");
    ObjectNode cause = a.putArray("causes").addObject();
    cause.put("title", "stress-ng 워크로드의 CPU 점유").put("category", "cpu-stress-workload").put("probability", 0.9)
        .put("description", "같은 노드의 stress-ng 파드가 1950m CPU를 사용했습니다.");
    cause.putArray("evidence").addObject().put("source", "container-insight-pod-metrics")
        .put("signal", "pod_cpu_utilization").put("observation", "최대 97.2%, stress-ng 1950m");
    ObjectNode second = ((ArrayNode) a.get("causes")).addObject();
    second.put("title", "트래픽 증가").put("category", "traffic-surge").put("probability", 0.1)
        .put("description", "로그에 느린 응답이 일부 있으나 트래픽 급증 근거는 약합니다.");
    second.putArray("evidence");
    a.putArray("timeline").addObject().put("time", "2026-11-21T03:12:00Z").put("event", "CPU 사용률 85.6%: 임계값 초과 시작");
    ((ArrayNode) a.get("timeline")).addObject().put("time", "2026-11-21T03:15:12Z").put("event", "알람 발생");
    a.putArray("immediateActions").add("stress-ng Deployment를 삭제합니다.");
    a.putArray("longTermImprovements").add("네임스페이스 ResourceQuota를 적용합니다.");
    a.putObject("remediation").put("scenario", scenario).put("rationale", "stress-ng 파드가 확인되었습니다.");
    return a;
  }
}
