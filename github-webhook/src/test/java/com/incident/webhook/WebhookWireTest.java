package com.incident.webhook;

import static com.incident.webhook.WebhookRig.comment;
import static com.incident.webhook.WebhookRig.json;
import static com.incident.webhook.WebhookRig.signed;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.incident.AgentRequest;
import com.incident.common.incident.AnalysisMode;
import com.incident.common.incident.IncidentTable;
import com.incident.common.incident.IssueCommand;
import com.incident.common.json.Json;
import com.incident.common.lambda.FunctionUrl;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The webhook at the wire: signed deliveries in as Function URL events, the secret from SSM's protocol, the issue
 * looked up and the delivery claimed in DynamoDB Local, the command out to an agent endpoint (MockWebServer) with a
 * Cognito token.
 */
class WebhookWireTest {
  private static final String DELIVERY = "72d3162e-cc78-11e3-81ab-4c9367dc0958";
  private final WebhookRig rig = new WebhookRig();

  @AfterEach
  void close() {
    rig.close();
  }

  @Test
  void aSignedApproveOnAnIncidentIssueIsForwardedAsACommandWithACognitoToken() throws Exception {
    rig.incidentWithIssue("inc-12", 12);
    rig.tokenAndAgentAccept();

    FunctionUrl.Response response = rig.deliver(DELIVERY, comment(12, "alice", "/approve\n\n확인했습니다."));

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(json(response).path("outcome").asText()).isEqualTo("forwarded");
    assertThat(json(response).path("sessionId").asText()).isEqualTo("cmd-12-" + DELIVERY);
    RecordedRequest token = rig.cognito.takeRequest(5, TimeUnit.SECONDS);
    assertThat(token.getBody().utf8()).isEqualTo("grant_type=client_credentials&scope=incident-api%2Finvoke");
    RecordedRequest start = rig.agent.takeRequest(5, TimeUnit.SECONDS);
    assertThat(start.getUrl().encodedPath()).isEqualTo("/invocations");
    assertThat(start.getHeaders().get("Authorization")).isEqualTo("Bearer tok-1");
    assertThat(start.getHeaders().get("Content-Type")).isEqualTo("application/json");
    AgentRequest forwarded = Json.read(start.getBody().utf8(), AgentRequest.class);
    assertThat(forwarded.sessionId()).isEqualTo("cmd-12-" + DELIVERY).matches(AgentRequest.SESSION_ID_PATTERN);
    assertThat(forwarded.actor()).isEqualTo("github-webhook");
    assertThat(forwarded.mode()).isEqualTo(AnalysisMode.COMMAND);
    assertThat(forwarded.incidentId()).isEqualTo("inc-12");
    assertThat(forwarded.alarm()).isNull();
    assertThat(forwarded.receivedAt()).isEqualTo(WebhookRig.NOW);
    assertThat(forwarded.command()).isEqualTo(new IssueCommand(IssueCommand.Kind.APPROVE, 12, 2_000_000_012L, "alice",
        null, DELIVERY, Instant.parse("2026-11-21T03:39:58Z")));
    assertThat(rig.metrics).contains("WebhookDeliveries{outcome=forwarded}");
  }

  @Test
  void aBase64EncodedBodyIsVerifiedOverTheBytesGitHubSigned() throws Exception {
    rig.incidentWithIssue("inc-13", 13);
    rig.tokenAndAgentAccept();
    String body = comment(13, "bob", "/오답 memory-leak\r\n원인은 메모리 누수입니다.");

    FunctionUrl.Response response = rig.deliver(signed(DELIVERY, WebhookRig.WEBHOOK_SECRET,
        body.getBytes(StandardCharsets.UTF_8)), body, true);

    assertThat(response.statusCode()).isEqualTo(202);
    rig.cognito.takeRequest(5, TimeUnit.SECONDS);
    IssueCommand command = Json.read(rig.agent.takeRequest(5, TimeUnit.SECONDS).getBody().utf8(), AgentRequest.class)
        .command();
    assertThat(command.kind()).isEqualTo(IssueCommand.Kind.FEEDBACK_WRONG);
    assertThat(command.argument()).isEqualTo("memory-leak");
  }

  @Test
  void aDeliverySignedWithAnotherSecretIsRefusedBeforeAnythingIsReadOrStored() {
    rig.incidentWithIssue("inc-12", 12);
    String body = comment(12, "mallory", "/approve");

    FunctionUrl.Response response = rig.deliver(signed(DELIVERY, "not the secret", body.getBytes(StandardCharsets.UTF_8)),
        body, false);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(json(response).path("reason").asText()).contains("does not match the body");
    assertNothingForwardedOrClaimed();
  }

  @Test
  void aDeliveryWithoutTheSignatureHeaderIsRefused() {
    rig.incidentWithIssue("inc-12", 12);
    String body = comment(12, "mallory", "/approve");
    Map<String, String> headers = new LinkedHashMap<>(signed(DELIVERY, WebhookRig.WEBHOOK_SECRET,
        body.getBytes(StandardCharsets.UTF_8)));
    headers.remove("X-Hub-Signature-256");

    FunctionUrl.Response response = rig.deliver(headers, body, false);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(json(response).path("reason").asText()).contains("missing X-Hub-Signature-256");
    assertNothingForwardedOrClaimed();
  }

  @Test
  void aBodyAlteredAfterSigningIsRefused() {
    rig.incidentWithIssue("inc-12", 12);
    String signedBody = comment(12, "alice", "/reject");
    String altered = comment(12, "alice", "/approve");

    FunctionUrl.Response response = rig.deliver(signed(DELIVERY, WebhookRig.WEBHOOK_SECRET,
        signedBody.getBytes(StandardCharsets.UTF_8)), altered, false);

    assertThat(response.statusCode()).isEqualTo(401);
    assertNothingForwardedOrClaimed();
  }

  @Test
  void aRedeliveredDeliveryIdActsOnlyOnce() throws Exception {
    rig.incidentWithIssue("inc-12", 12);
    rig.tokenAndAgentAccept();
    String body = comment(12, "alice", "/approve");

    FunctionUrl.Response first = rig.deliver(DELIVERY, body);
    FunctionUrl.Response second = rig.deliver(DELIVERY, body);

    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(json(second).path("outcome").asText()).isEqualTo("duplicate");
    assertThat(json(second).path("sessionId").asText()).isEqualTo("cmd-12-" + DELIVERY);
    assertThat(rig.agent.getRequestCount()).isEqualTo(1);
    assertThat(rig.item(IncidentTable.MESSAGE_PREFIX + "github-" + DELIVERY).get(IncidentTable.TTL)).isNotNull();
  }

  @Test
  void anAgentThatCannotBeReachedFailsTheDeliveryAndARedeliveryForwardsTheSameSession() throws Exception {
    rig.incidentWithIssue("inc-12", 12);
    rig.cognito.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body("{\"access_token\":\"tok-1\",\"expires_in\":3600}").build());
    rig.agent.enqueue(new MockResponse.Builder().code(503).build());
    rig.agent.enqueue(new MockResponse.Builder().code(202).body("{}").build());
    String body = comment(12, "alice", "/reanalyze");

    FunctionUrl.Response failed = rig.deliver(DELIVERY, body);
    FunctionUrl.Response redelivered = rig.deliver(DELIVERY, body);

    assertThat(failed.statusCode()).isEqualTo(502);
    assertThat(json(failed).path("reason").asText()).contains("redeliver");
    assertThat(redelivered.statusCode()).isEqualTo(202);
    rig.cognito.takeRequest(5, TimeUnit.SECONDS);
    String firstSession = Json.tree(rig.agent.takeRequest(5, TimeUnit.SECONDS).getBody().utf8()).path("sessionId").asText();
    String secondSession = Json.tree(rig.agent.takeRequest(5, TimeUnit.SECONDS).getBody().utf8()).path("sessionId").asText();
    assertThat(secondSession).isEqualTo(firstSession).isEqualTo("cmd-12-" + DELIVERY);
  }

  @Test
  void anAgentRefusalIsRecordedAndNotRetried() throws Exception {
    rig.incidentWithIssue("inc-12", 12);
    rig.cognito.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body("{\"access_token\":\"tok-1\",\"expires_in\":3600}").build());
    rig.agent.enqueue(new MockResponse.Builder().code(400).addHeader("Content-Type", "application/json")
        .body("{\"error\":\"invalid_request\",\"message\":\"command is required\"}").build());
    String body = comment(12, "alice", "/approve");

    FunctionUrl.Response refused = rig.deliver(DELIVERY, body);
    FunctionUrl.Response again = rig.deliver(DELIVERY, body);

    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(json(refused).path("reason").asText()).contains("invalid_request", "command is required");
    assertThat(json(again).path("outcome").asText()).isEqualTo("duplicate");
    assertThat(rig.agent.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aCommentOnAnIssueThatIsNoIncidentOfThisSuiteIsIgnored() {
    rig.incidentWithIssue("inc-12", 12);

    FunctionUrl.Response response = rig.deliver(DELIVERY, comment(99, "alice", "/approve"));

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(json(response).path("outcome").asText()).isEqualTo("ignored");
    assertThat(json(response).path("reason").asText()).isEqualTo("issue #99 is not an incident issue of this suite");
    assertNothingForwardedOrClaimed();
  }

  @Test
  void theSuitesOwnCommentsAreIgnoredWhetherWrittenAsTheUserOrAsItsApp() {
    rig.incidentWithIssue("inc-12", 12);
    String asApp = comment(12, "incident-bot[bot]", "Bot", "incident-bot", "/approve");
    String viaApp = comment(12, "renamed-app[bot]", "Bot", "incident-bot", "/approve");

    for (String body : new String[] {comment(12, "Incident-Bot", "/approve"), asApp, viaApp}) {
      FunctionUrl.Response response = rig.deliver(DELIVERY, body);

      assertThat(response.statusCode()).as(body).isEqualTo(202);
      assertThat(json(response).path("reason").asText()).as(body).isEqualTo("comment by the suite's own account");
    }
    assertNothingForwardedOrClaimed();
  }

  @Test
  void otherBotsAreIgnoredButAPersonCommentingThroughAnAppIsNot() throws Exception {
    rig.incidentWithIssue("inc-12", 12);
    rig.tokenAndAgentAccept();

    FunctionUrl.Response bot = rig.deliver("d-bot", comment(12, "dependabot[bot]", "Bot", "dependabot", "/approve"));
    FunctionUrl.Response person = rig.deliver(DELIVERY, comment(12, "alice", "User", "github-mobile", "/approve"));

    assertThat(json(bot).path("reason").asText()).isEqualTo("comment by a bot account; only people give commands");
    assertThat(person.statusCode()).isEqualTo(202);
    assertThat(rig.agent.getRequestCount()).isEqualTo(1);
  }

  @Test
  void anUnknownSlashCommandIsForwardedAsUnknownSoTheAgentCanListTheCommands() throws Exception {
    rig.incidentWithIssue("inc-12", 12);
    rig.tokenAndAgentAccept();

    FunctionUrl.Response response = rig.deliver(DELIVERY, comment(12, "alice", "/rollback now"));

    assertThat(response.statusCode()).isEqualTo(202);
    rig.cognito.takeRequest(5, TimeUnit.SECONDS);
    IssueCommand command = Json.read(rig.agent.takeRequest(5, TimeUnit.SECONDS).getBody().utf8(), AgentRequest.class)
        .command();
    assertThat(command.kind()).isEqualTo(IssueCommand.Kind.UNKNOWN);
    assertThat(command.argument()).isEqualTo("/rollback now");
  }

  @Test
  void aCommentWithoutACommandIsIgnored() {
    rig.incidentWithIssue("inc-12", 12);

    FunctionUrl.Response response = rig.deliver(DELIVERY, comment(12, "alice", "CPU가 다시 올라갑니다. 확인 부탁드립니다."));

    assertThat(json(response).path("reason").asText()).isEqualTo("no command in the comment");
    assertNothingForwardedOrClaimed();
  }

  @Test
  void malformedJsonIsRefusedWithAReasonAndNoStackTrace() {
    String body = "{\"action\":\"created\",\"issue\":{\"number\":12},";

    FunctionUrl.Response response = rig.deliver(DELIVERY, body);

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode answer = json(response);
    assertThat(answer.path("outcome").asText()).isEqualTo("rejected");
    assertThat(answer.path("reason").asText()).startsWith("malformed issue_comment payload: the body is not one valid JSON");
    assertThat(response.body()).doesNotContain("Exception", "\tat ", "com.fasterxml");
    assertNothingForwardedOrClaimed();
  }

  @Test
  void aPayloadWithoutTheIssueNumberIsRefusedNamingTheField() {
    String body = comment(12, "alice", "/approve").replace("\"number\":12", "\"number\":\"twelve\"");

    FunctionUrl.Response response = rig.deliver(DELIVERY, body);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).path("reason").asText()).contains("issue.number is required");
  }

  @Test
  void anAuthorThatIsNoGitHubLoginIsRefused() {
    FunctionUrl.Response response = rig.deliver(DELIVERY, comment(12, "@everyone <b>", "/approve"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).path("reason").asText()).contains("comment.user.login is not a GitHub login");
    assertNothingForwardedOrClaimed();
  }

  @Test
  void pingIsAnsweredAndOtherEventsAndActionsAreIgnored() {
    String body = "{\"zen\":\"Design for failure.\",\"hook_id\":4711}";
    Map<String, String> ping = new LinkedHashMap<>(signed(DELIVERY, WebhookRig.WEBHOOK_SECRET,
        body.getBytes(StandardCharsets.UTF_8)));
    ping.put("X-GitHub-Event", "ping");
    Map<String, String> push = new LinkedHashMap<>(ping);
    push.put("X-GitHub-Event", "push");
    String edited = comment(12, "alice", "/approve").replace("\"action\":\"created\"", "\"action\":\"edited\"");

    assertThat(rig.deliver(ping, body, false).statusCode()).isEqualTo(200);
    assertThat(json(rig.deliver(push, body, false)).path("outcome").asText()).isEqualTo("ignored");
    assertThat(json(rig.deliver(DELIVERY, edited)).path("reason").asText()).contains("'edited' is not handled");
    assertNothingForwardedOrClaimed();
  }

  @Test
  void aCommentFromAnotherRepositoryOfAnOrganisationWebhookIsIgnored() {
    rig.incidentWithIssue("inc-12", 12);
    String body = comment(12, "alice", "/approve").replace(WebhookRig.REPOSITORY, "my-org/website");

    assertThat(json(rig.deliver(DELIVERY, body)).path("reason").asText()).contains("'my-org/website'");
    assertNothingForwardedOrClaimed();
  }

  @Test
  void theSampleEventSignedWithGitHubsTestSecretIsForwarded() throws Exception {
    rig.incidentWithIssue("inc-12", 12);
    rig.tokenAndAgentAccept();
    byte[] event = Files.readAllBytes(Path.of("..", "events", "github-issue-comment.json"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    rig.handler.handleRequest(new ByteArrayInputStream(event), out, null);

    FunctionUrl.Response response = FunctionUrl.Response.fromOutput(Json.tree(out.toString(StandardCharsets.UTF_8)));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    rig.cognito.takeRequest(5, TimeUnit.SECONDS);
    IssueCommand command = Json.read(rig.agent.takeRequest(5, TimeUnit.SECONDS).getBody().utf8(), AgentRequest.class)
        .command();
    assertThat(command.kind()).isEqualTo(IssueCommand.Kind.APPROVE);
    assertThat(command.author()).isEqualTo("alice");
  }

  private void assertNothingForwardedOrClaimed() {
    assertThat(rig.agent.getRequestCount()).isZero();
    assertThat(rig.item(IncidentTable.MESSAGE_PREFIX + "github-" + DELIVERY)).isEmpty();
  }
}
