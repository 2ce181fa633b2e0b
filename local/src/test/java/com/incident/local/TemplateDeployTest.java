package com.incident.local;

import static com.incident.local.TransformedTemplate.list;
import static com.incident.local.TransformedTemplate.strings;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.agent.core.IncidentClassifier;
import com.incident.agent.core.IncidentFacts;
import com.incident.common.incident.AlarmDetails;
import com.incident.common.incident.AlarmKind;
import com.incident.common.incident.MetricRef;
import com.incident.common.incident.IncidentTable;
import com.incident.common.json.Json;
import com.incident.trigger.core.AlarmParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What breaks or misbehaves only on a real account, checked on the template as CloudFormation deploys it
 * (aws-sam-translator output, evaluated under the parameters each case names). One test per fault class.
 */
class TemplateDeployTest {
  private static final String ACCOUNT = SamTemplate.ACCOUNT_ID;
  private static final String REGION = TransformedTemplate.REGION;

  // ------------------------------------------------------------------ 1. alarms reach the trigger

  @Test
  void alarmTopicIsEncryptedWithARotatedCustomerKeyThatCloudWatchAlarmsMayUse() {
    TransformedTemplate t = TransformedTemplate.defaults();
    assertThat(t.properties("AlarmTopic").get("KmsMasterKeyId")).isEqualTo("ref:AlarmTopicKey.Arn");
    Map<String, Object> key = t.properties("AlarmTopicKey");
    assertThat(key.get("EnableKeyRotation")).isEqualTo("true");
    assertThat(t.ofType("AWS::KMS::Alias")).anySatisfy(alias ->
        assertThat(t.properties(alias).get("TargetKeyId")).isEqualTo("ref:AlarmTopicKey"));

    List<Map<String, Object>> policy = statements(SamTemplate.map(key.get("KeyPolicy")));
    assertThat(policy).anySatisfy(s -> {
      assertThat(principal(s, "AWS")).containsExactly("arn:aws:iam::" + ACCOUNT + ":root");
      assertThat(strings(s.get("Action"))).containsExactly("kms:*");
    });
    for (String service : List.of("cloudwatch.amazonaws.com", "sns.amazonaws.com")) {
      assertThat(policy).as("key policy grant for %s", service).anySatisfy(s -> {
        assertThat(s.get("Effect")).isEqualTo("Allow");
        assertThat(principal(s, "Service")).containsExactly(service);
        assertThat(strings(s.get("Action"))).containsExactlyInAnyOrder("kms:GenerateDataKey*", "kms:Decrypt");
        assertThat(condition(s, "StringEquals", "aws:SourceAccount")).isEqualTo(ACCOUNT);
      });
    }
    assertThat(policy).filteredOn(s -> principal(s, "Service").contains("cloudwatch.amazonaws.com"))
        .allSatisfy(s -> assertThat(condition(s, "ArnLike", "aws:SourceArn"))
            .isEqualTo("arn:aws:cloudwatch:" + REGION + ":" + ACCOUNT + ":alarm:*"));

    assertThat(statements(SamTemplate.map(t.properties("AlarmTopicPolicy").get("PolicyDocument")))).anySatisfy(s -> {
      assertThat(principal(s, "Service")).containsExactly("cloudwatch.amazonaws.com");
      assertThat(strings(s.get("Action"))).containsExactly("sns:Publish");
      assertThat(s.get("Resource")).isEqualTo("ref:AlarmTopic");
    });
    assertThat(t.ofType("AWS::CloudWatch::Alarm")).isNotEmpty().allSatisfy(alarm -> {
      assertThat(strings(t.properties(alarm).get("AlarmActions"))).as(alarm).containsExactly("ref:AlarmTopic");
      assertThat(strings(t.properties(alarm).get("OKActions"))).as(alarm).containsExactly("ref:AlarmTopic");
    });
    assertThat(t.ofType("AWS::SNS::Topic")).allSatisfy(topic ->
        assertThat(String.valueOf(t.properties(topic).get("KmsMasterKeyId"))).as(topic).doesNotStartWith("alias/aws/"));
  }

  // ------------------------------------------------------------------ 2. no log source means no log target

  @Test
  void withoutAnOpenSearchEndpointTheGatewayRoutesNoLogToolsAndTheLogFunctionHasNoDataAccess() {
    TransformedTemplate none = TransformedTemplate.defaults();
    assertThat(none.environment("McpGatewayFunction").get("TOOL_TARGET_OPENSEARCH")).isEqualTo("");
    assertThat(none.allowing("McpGatewayFunction", "lambda")).flatMap(s -> strings(s.get("Resource")))
        .doesNotContain("ref:OpenSearchToolFunctionAliaslive")
        .contains("ref:ContainerInsightToolFunctionAliaslive", "ref:GitHubToolFunctionAliaslive");
    assertThat(none.statements("OpenSearchToolFunction")).isEmpty();

    TransformedTemplate domain = TransformedTemplate.with(Map.of("OpenSearchEndpoint", "https://search-eks-logs.example.com"));
    assertThat(domain.environment("McpGatewayFunction").get("TOOL_TARGET_OPENSEARCH")).isEqualTo("ref:OpenSearchToolFunctionAliaslive");
    assertThat(domain.allowing("McpGatewayFunction", "lambda")).flatMap(s -> strings(s.get("Resource")))
        .contains("ref:OpenSearchToolFunctionAliaslive");
  }

  // ------------------------------------------------------------------ 4 + 5. alarms that fire for each fault

  @Test
  void restartsAlarmCountsRestartsPerWindowWithMetricMathOverTheRunningTotal() {
    Map<String, Object> alarm = TransformedTemplate.defaults().properties("PodRestartsAlarm");
    assertThat(alarm).doesNotContainKey("MetricName");
    List<Map<String, Object>> queries = list(alarm.get("Metrics")).stream().map(SamTemplate::map).toList();
    Map<String, Object> returned = queries.stream().filter(q -> "true".equals(q.get("ReturnData"))).findFirst().orElseThrow();
    Matcher fn = Pattern.compile("^(DIFF|RATE)\\((\\w+)\\)").matcher(String.valueOf(returned.get("Expression")));
    assertThat(fn.find()).as("expression %s is a per-window change of the running total", returned.get("Expression")).isTrue();
    Map<String, Object> total = queries.stream().filter(q -> fn.group(2).equals(q.get("Id"))).findFirst().orElseThrow();
    Map<String, Object> metric = SamTemplate.map(SamTemplate.map(total.get("MetricStat")).get("Metric"));
    assertThat(metric.get("MetricName")).isEqualTo("pod_number_of_container_restarts");
    assertThat(dimensionNames(metric.get("Dimensions"))).containsExactlyInAnyOrder("ClusterName", "Namespace", "PodName");
    // DIFF needs the preceding datapoint inside the evaluated range.
    assertThat(Integer.parseInt(String.valueOf(alarm.get("EvaluationPeriods")))).isGreaterThanOrEqualTo(2);
    assertThat(alarm.get("ComparisonOperator")).isEqualTo("GreaterThanThreshold");
  }

  @Test
  void imagePullAndZeroReplicaFaultsHaveAlarmsOnMetricsContainerInsightsPublishesForTheWorkload() {
    TransformedTemplate t = TransformedTemplate.with(Map.of("ImagePullAlarmMinutes", "4", "MinAvailableReplicas", "2",
        "ReplicasAlarmMinutes", "5"));
    Map<String, Object> pull = t.properties("ImagePullAlarm");
    assertThat(pull.get("MetricName")).isEqualTo("pod_container_status_waiting_reason_image_pull_error");
    assertThat(pull).containsEntry("ComparisonOperator", "GreaterThanThreshold").containsEntry("Threshold", "0")
        .containsEntry("EvaluationPeriods", "4").containsEntry("DatapointsToAlarm", "4");
    Map<String, Object> replicas = t.properties("ReplicasAvailableAlarm");
    assertThat(replicas.get("MetricName")).isEqualTo("status_replicas_available");
    assertThat(replicas).containsEntry("ComparisonOperator", "LessThanThreshold").containsEntry("Threshold", "2")
        .containsEntry("EvaluationPeriods", "5").containsEntry("Statistic", "Minimum");
    for (Map<String, Object> alarm : List.of(pull, replicas)) {
      assertThat(alarm.get("Namespace")).isEqualTo("ContainerInsights");
      // The workload-level dimension set the enhanced-observability metric table lists for both metrics.
      assertThat(dimensions(alarm.get("Dimensions"))).containsExactlyInAnyOrderEntriesOf(Map.of(
          "ClusterName", "netaiops-eks-cluster", "Namespace", "default", "PodName", "ui"));
    }
  }

  @Test
  void everyAlarmHasASampleEventOfItsShapeFromWhichTheAgentFindsTheWorkload() throws Exception {
    TransformedTemplate t = TransformedTemplate.defaults();
    Map<String, List<JsonNode>> samples = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(Repo.ROOT.resolve("events"))) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith("sns-alarm-")).toList()) {
        JsonNode message = Json.tree(Json.tree(Files.readString(f)).path("Records").path(0).path("Sns").path("Message").asText());
        samples.computeIfAbsent(message.path("AlarmName").asText(), k -> new ArrayList<>()).add(message);
      }
    }
    IncidentClassifier classifier = new IncidentClassifier(Clock.fixed(Instant.parse("2026-11-21T03:20:00Z"), ZoneOffset.UTC), 30);
    for (String id : t.ofType("AWS::CloudWatch::Alarm")) {
      Map<String, Object> alarm = t.properties(id);
      JsonNode sample = samples.getOrDefault(String.valueOf(alarm.get("AlarmName")), List.of()).stream()
          .filter(m -> sameShape(alarm, m.path("Trigger"))).findFirst().orElse(null);
      assertThat(sample).as("events/sns-alarm-*.json with the shape of %s (%s)", id, alarm.get("AlarmName")).isNotNull();
      JsonNode trigger = sample.path("Trigger");
      assertThat(trigger.path("ComparisonOperator").asText()).as(id).isEqualTo(alarm.get("ComparisonOperator"));
      assertThat(trigger.path("EvaluationPeriods").asText()).as(id).isEqualTo(alarm.get("EvaluationPeriods"));

      AlarmDetails parsed = AlarmParser.parse(sample.toString(), null);
      List<String> templateMetrics = new ArrayList<>();
      if (alarm.containsKey("MetricName")) {
        assertThat(parsed.kind()).as(id).isEqualTo(AlarmKind.METRIC);
        assertThat(parsed.metricName()).as(id).isEqualTo(alarm.get("MetricName"));
        assertThat(parsed.dimensions().keySet()).as(id).containsExactlyInAnyOrderElementsOf(dimensionNames(alarm.get("Dimensions")));
      } else {
        assertThat(parsed.kind()).as(id).isEqualTo(AlarmKind.METRIC_MATH);
        for (Object q : list(alarm.get("Metrics"))) {
          Map<String, Object> query = SamTemplate.map(q);
          MetricRef ref = parsed.metrics().stream().filter(r -> r.id().equals(query.get("Id"))).findFirst().orElseThrow();
          assertThat(ref.expression()).as(id).isEqualTo(query.get("Expression"));
          Map<String, Object> metric = SamTemplate.map(SamTemplate.map(query.get("MetricStat")).get("Metric"));
          if (!metric.isEmpty()) {
            templateMetrics.add(String.valueOf(metric.get("MetricName")));
            assertThat(ref.metricName()).as(id).isEqualTo(metric.get("MetricName"));
            assertThat(ref.dimensions().keySet()).as(id).containsExactlyInAnyOrderElementsOf(dimensionNames(metric.get("Dimensions")));
          }
        }
        assertThat(parsed.metricName()).as("primary metric of %s", id).isIn(templateMetrics);
      }
      IncidentFacts facts = classifier.classify(parsed);
      assertThat(facts.cluster()).as(id).isEqualTo(parsed.dimensions().get("ClusterName"));
      if (parsed.dimensions().containsKey("PodName")) {
        assertThat(facts.pod()).as("pod the agent investigates for %s", id).isEqualTo(parsed.dimensions().get("PodName"));
        assertThat(facts.namespace()).as(id).isEqualTo(parsed.dimensions().get("Namespace"));
      }
    }
  }

  /** Same metric and dimension names for a plain metric alarm; a metric-math Trigger for a metric-math alarm. */
  private static boolean sameShape(Map<String, Object> alarm, JsonNode trigger) {
    if (!alarm.containsKey("MetricName")) {
      return trigger.path("Metrics").isArray();
    }
    Set<String> names = new TreeSet<>();
    trigger.path("Dimensions").forEach(d -> names.add(d.path("name").asText()));
    return alarm.get("MetricName").equals(trigger.path("MetricName").asText())
        && names.equals(new TreeSet<>(dimensionNames(alarm.get("Dimensions"))));
  }

  // ------------------------------------------------------------------ 8. least privilege

  @Test
  void eachFunctionMayReadExactlyTheSsmParametersItsEnvironmentNames() {
    TransformedTemplate t = TransformedTemplate.with(Map.of("DatadogEnabled", "true"));
    for (String function : t.ofType("AWS::Lambda::Function")) {
      Set<String> expected = new TreeSet<>();
      t.environment(function).forEach((name, value) -> {
        if (name.endsWith("_PARAM") && !String.valueOf(value).isBlank()) {
          expected.add("arn:aws:ssm:" + REGION + ":" + ACCOUNT + ":parameter" + value);
        }
      });
      List<Map<String, Object>> ssm = t.allowing(function, "ssm");
      assertThat(ssm).flatMap(s -> strings(s.get("Action"))).as(function).allMatch("ssm:GetParameter"::equals);
      assertThat(new TreeSet<>(ssm.stream().flatMap(s -> strings(s.get("Resource")).stream()).toList()))
          .as("SSM parameters %s may read", function).isEqualTo(expected);
    }
    assertThat(t.allowing("AlarmTriggerFunction", "ssm")).flatMap(s -> strings(s.get("Resource")))
        .noneMatch(r -> r.contains("github") || r.contains("datadog"));
    // With a customer managed key, decrypting is allowed only through SSM.
    TransformedTemplate cmk = TransformedTemplate.with(Map.of("SecretsKmsKeyArn", "arn:aws:kms:us-west-2:123456789012:key/abc"));
    assertThat(cmk.allowing("GitHubToolFunction", "kms")).singleElement().satisfies(s ->
        assertThat(condition(s, "StringEquals", "kms:ViaService")).isEqualTo("ssm." + REGION + ".amazonaws.com"));
    assertThat(t.allowing("GitHubToolFunction", "kms")).as("aws/ssm's key policy already grants the account").isEmpty();
  }

  private static final Pattern DYNAMO_CALL = Pattern.compile(
      "\\.(getItem|putItem|updateItem|deleteItem|query|scan|batchGetItem|batchWriteItem|transactGetItems|transactWriteItems|describeTable)\\(");

  @Test
  void dynamoDbActionsAreExactlyTheCallsEachFunctionsCodeMakes() throws IOException {
    TransformedTemplate t = TransformedTemplate.defaults();
    Map<String, String> modules = Map.of("AlarmTriggerFunction", "alarm-trigger", "AgentRuntimeFunction", "agent-runtime",
        "McpGatewayFunction", "mcp-gateway", "ContainerInsightToolFunction", "tools-container-insight",
        "OpenSearchToolFunction", "tools-opensearch", "DatadogToolFunction", "tools-datadog",
        "GitHubToolFunction", "tools-github", "ChaosToolFunction", "tools-chaos",
        "KubernetesToolFunction", "tools-kubernetes", "GitHubWebhookFunction", "github-webhook");
    for (String function : t.ofType("AWS::Lambda::Function")) {
      Set<String> calls = new TreeSet<>();
      // The function's own code and the project libraries it ships (the incident store lives in incident-store).
      for (Path sources : projectSources(modules.get(function))) {
        try (Stream<Path> files = Files.walk(sources)) {
          for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
            String source = Files.readString(f);
            if (!source.contains("software.amazon.awssdk.services.dynamodb")) {
              continue; // a query(...) of another client (OpenSearch's request builder) is no DynamoDB call
            }
            Matcher m = DYNAMO_CALL.matcher(source);
            while (m.find()) {
              // IAM has no transaction action: TransactWriteItems is authorised item by item (Put/Update/Delete).
              if (!m.group(1).equals("transactWriteItems")) {
                calls.add("dynamodb:" + Character.toUpperCase(m.group(1).charAt(0)) + m.group(1).substring(1));
              }
            }
          }
        }
      }
      List<Map<String, Object>> dynamo = t.allowing(function, "dynamodb");
      assertThat(new TreeSet<>(dynamo.stream().flatMap(s -> strings(s.get("Action")).stream()).toList()))
          .as("DynamoDB actions of %s", function).isEqualTo(calls);
      // Query only on the keys-only issue index, never on the table.
      assertThat(dynamo).as(function).allSatisfy(s -> assertThat(strings(s.get("Resource"))).allMatch(
          strings(s.get("Action")).equals(List.of("dynamodb:Query"))
              ? ("ref:IncidentTable.Arn/index/" + IncidentTable.ISSUE_INDEX)::equals : "ref:IncidentTable.Arn"::equals));
    }
  }

  /** The module's main sources plus those of every project module it ships (its non-test dependencies). */
  private static List<Path> projectSources(String module) throws IOException {
    List<Path> roots = new ArrayList<>(List.of(Repo.ROOT.resolve(module).resolve("src/main/java")));
    Matcher dependency = Pattern.compile("<dependency>\\s*<groupId>com\\.incident</groupId>\\s*<artifactId>([a-z-]+)"
        + "</artifactId>(?:(?!</dependency>).)*</dependency>", Pattern.DOTALL)
        .matcher(Files.readString(Repo.ROOT.resolve(module).resolve("pom.xml")));
    while (dependency.find()) {
      Path library = Repo.ROOT.resolve(dependency.group(1)).resolve("src/main/java");
      if (!dependency.group().contains("<scope>test</scope>") && Files.isDirectory(library)) {
        roots.add(library);
      }
    }
    return roots;
  }

  @Test
  void bedrockAccessIsTheConfiguredProfileAndTheFoundationModelItRoutesTo() {
    String profileArn = "arn:aws:bedrock:" + REGION + ":" + ACCOUNT + ":inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0";
    List<Map<String, Object>> profile = TransformedTemplate.defaults().allowing("AgentRuntimeFunction", "bedrock");
    assertThat(profile).flatMap(s -> strings(s.get("Action"))).allMatch("bedrock:InvokeModel"::equals);
    assertThat(profile).flatMap(s -> strings(s.get("Resource"))).containsExactlyInAnyOrder(profileArn,
        "arn:aws:bedrock:*::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0");
    assertThat(profile).filteredOn(s -> strings(s.get("Resource")).getFirst().contains("foundation-model"))
        .singleElement().satisfies(s -> assertThat(condition(s, "ArnLike", "bedrock:InferenceProfileArn")).isEqualTo(profileArn));

    List<Map<String, Object>> model = TransformedTemplate.with(Map.of("BedrockModelId", "anthropic.claude-3-5-haiku-20241022-v1:0"))
        .allowing("AgentRuntimeFunction", "bedrock");
    assertThat(model).flatMap(s -> strings(s.get("Resource")))
        .containsExactly("arn:aws:bedrock:" + REGION + "::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0");

    assertThat(TransformedTemplate.with(Map.of("BedrockModelId", "global.anthropic.claude-sonnet-4-5-20250929-v1:0"))
        .allowing("AgentRuntimeFunction", "bedrock")).flatMap(s -> strings(s.get("Resource")))
        .contains("arn:aws:bedrock:*::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0");
    assertThat(TransformedTemplate.with(Map.of("BedrockModelId", "none")).allowing("AgentRuntimeFunction", "bedrock")).isEmpty();
  }

  // ------------------------------------------------------------------ 9. state survives replacement

  @Test
  void incidentTableAndUserPoolAreRetainedOnDeleteAndReplacement() {
    TransformedTemplate t = TransformedTemplate.defaults();
    for (String id : List.of("IncidentTable", "UserPool")) {
      assertThat(t.raw(id)).as(id).containsEntry("DeletionPolicy", "Retain").containsEntry("UpdateReplacePolicy", "Retain");
    }
  }

  // ------------------------------------------------------------------ 10. private endpoints

  @Test
  void vpcIsOptionalAndOnlyForTheFunctionsThatReachOpenSearchAndTheEksApi() {
    TransformedTemplate none = TransformedTemplate.defaults();
    for (String function : none.ofType("AWS::Lambda::Function")) {
      assertThat(none.properties(function)).as(function).doesNotContainKey("VpcConfig");
    }
    TransformedTemplate vpc = TransformedTemplate.with(Map.of("LambdaSubnetIds", "subnet-a,subnet-b",
        "LambdaSecurityGroupIds", "sg-1"));
    for (String function : vpc.ofType("AWS::Lambda::Function")) {
      boolean reachesPrivateEndpoints = function.equals("OpenSearchToolFunction") || function.equals("ChaosToolFunction")
          || function.equals("KubernetesToolFunction");
      if (reachesPrivateEndpoints) {
        Map<String, Object> config = SamTemplate.map(vpc.properties(function).get("VpcConfig"));
        assertThat(strings(config.get("SubnetIds"))).as(function).containsExactly("subnet-a", "subnet-b");
        assertThat(strings(config.get("SecurityGroupIds"))).as(function).containsExactly("sg-1");
        assertThat(vpc.managedPolicies(function)).as(function)
            .contains("arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole");
      } else {
        assertThat(vpc.properties(function)).as(function).doesNotContainKey("VpcConfig");
      }
    }
  }

  @Test
  void logToolsSignAndAreAuthorisedForTheConfiguredOpenSearchFlavour() {
    TransformedTemplate domain = TransformedTemplate.with(Map.of("OpenSearchEndpoint", "https://search-eks-logs.example.com"));
    assertThat(domain.environment("OpenSearchToolFunction").get("OPENSEARCH_SIGNING_SERVICE")).isEqualTo("es");
    assertThat(domain.statements("OpenSearchToolFunction")).singleElement().satisfies(s -> {
      assertThat(strings(s.get("Action"))).allMatch(a -> a.startsWith("es:ESHttp"));
      assertThat(s.get("Resource")).isEqualTo("arn:aws:es:" + REGION + ":" + ACCOUNT + ":domain/eks-logs/*");
    });

    TransformedTemplate serverless = TransformedTemplate.with(Map.of("OpenSearchEndpoint",
        "https://abc123.us-west-2.aoss.amazonaws.com", "OpenSearchSigningService", "aoss", "OpenSearchCollectionId", "abc123"));
    assertThat(serverless.environment("OpenSearchToolFunction").get("OPENSEARCH_SIGNING_SERVICE")).isEqualTo("aoss");
    assertThat(serverless.statements("OpenSearchToolFunction")).singleElement().satisfies(s -> {
      assertThat(strings(s.get("Action"))).containsExactly("aoss:APIAccessAll");
      assertThat(s.get("Resource")).isEqualTo("arn:aws:aoss:" + REGION + ":" + ACCOUNT + ":collection/abc123");
    });
  }

  @Test
  void eksAccessEntryIsOptInAndDocumentsTheAuthenticationModeItNeeds() {
    assertThat(TransformedTemplate.defaults().has("ChaosAccessEntry")).isFalse();
    TransformedTemplate on = TransformedTemplate.with(Map.of("ChaosClusterAccess", "true"));
    assertThat(on.properties("ChaosAccessEntry")).containsEntry("PrincipalArn", "ref:ChaosToolFunctionRole.Arn")
        .containsEntry("ClusterName", "netaiops-eks-cluster");
    String description = String.valueOf(SamTemplate.map(SamTemplate.map(on.cfn.raw().get("Parameters"))
        .get("ChaosClusterAccess")).get("Description"));
    assertThat(description).contains("API_AND_CONFIG_MAP");
  }

  @Test
  void theReadOnlyKubernetesFunctionHasItsOwnRoleAndItsOwnReadOnlyGroup() {
    assertThat(TransformedTemplate.defaults().has("KubernetesAccessEntry")).isFalse();
    TransformedTemplate on = TransformedTemplate.with(Map.of("KubernetesClusterAccess", "true"));
    assertThat(on.properties("KubernetesAccessEntry")).containsEntry("PrincipalArn", "ref:KubernetesToolFunctionRole.Arn")
        .containsEntry("KubernetesGroups", List.of("incident-k8s-readonly"));
    assertThat(on.statements("KubernetesToolFunction")).singleElement()
        .satisfies(s -> assertThat(strings(s.get("Action"))).containsExactly("eks:DescribeCluster"));
    assertThat(on.environment("McpGatewayFunction")).containsKey("TOOL_TARGET_KUBERNETES");
  }

  // ------------------------------------------------------------------ 11. one remediation switch

  @Test
  void remediationModeIsOneParameterReadByTheAgentAndTheChaosFunction() {
    Map<String, Object> parameter = SamTemplate.map(SamTemplate.map(TransformedTemplate.defaults().cfn.raw().get("Parameters"))
        .get("RemediationMode"));
    assertThat(parameter.get("Default")).isEqualTo("auto");
    assertThat(strings(parameter.get("AllowedValues"))).containsExactly("auto", "dry-run", "approval", "off");
    TransformedTemplate t = TransformedTemplate.with(Map.of("RemediationMode", "dry-run"));
    assertThat(TransformedTemplate.with(Map.of("ApprovalExpiryMinutes", "30")).environment("AgentRuntimeFunction")
        .get("APPROVAL_EXPIRY_MINUTES")).isEqualTo("30");
    assertThat(t.environment("AgentRuntimeFunction").get("REMEDIATION_MODE")).isEqualTo("dry-run");
    assertThat(t.environment("ChaosToolFunction").get("REMEDIATION_MODE")).isEqualTo("dry-run");
    for (String function : t.ofType("AWS::Lambda::Function")) {
      assertThat(t.environment(function)).as(function).doesNotContainKey("CHAOS_DRY_RUN");
    }
    assertThat(SamTemplate.map(t.cfn.raw().get("Parameters"))).doesNotContainKey("ChaosDryRun");
  }

  @Test
  void theAgentGetsTheSameClientCredentialsAndRateLimitsAsTheTrigger() {
    TransformedTemplate t = TransformedTemplate.defaults();
    Map<String, Object> trigger = t.environment("AlarmTriggerFunction");
    Map<String, Object> agent = t.environment("AgentRuntimeFunction");
    for (String name : List.of("COGNITO_TOKEN_URL", "COGNITO_CLIENT_ID", "COGNITO_CLIENT_SECRET_PARAM", "COGNITO_SCOPE",
        "RATE_LIMIT_GLOBAL_PER_HOUR", "RATE_LIMIT_PER_ALARM_PER_HOUR")) {
      assertThat(agent.get(name)).as(name).isNotNull().isEqualTo(trigger.get(name));
    }
    assertThat(agent.get("COGNITO_TOKEN_URL")).isEqualTo("https://ref:UserPoolDomain.auth." + REGION + ".amazoncognito.com/oauth2/token");
  }

  // ------------------------------------------------------------------ cfn-lint, as CI runs it

  @Test
  void cfnLintFindsNothing() throws Exception {
    Process p;
    try {
      p = new ProcessBuilder("cfn-lint", Repo.ROOT.resolve("template.yaml").toString()).redirectErrorStream(true).start();
    } catch (IOException e) {
      System.err.println("SKIPPED (loudly): cfn-lint is not installed; the template lint did not run");
      org.junit.jupiter.api.Assumptions.abort("cfn-lint not installed: pip install cfn-lint");
      return;
    }
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
  }

  // ------------------------------------------------------------------ helpers

  private static List<Map<String, Object>> statements(Map<String, Object> document) {
    return list(document.get("Statement")).stream().map(SamTemplate::map).toList();
  }

  private static List<String> principal(Map<String, Object> statement, String kind) {
    return strings(SamTemplate.map(statement.get("Principal")).get(kind));
  }

  private static Object condition(Map<String, Object> statement, String operator, String key) {
    return SamTemplate.map(SamTemplate.map(statement.get("Condition")).get(operator)).get(key);
  }

  private static List<String> dimensionNames(Object dimensions) {
    return List.copyOf(dimensions(dimensions).keySet());
  }

  private static Map<String, String> dimensions(Object dimensions) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Object d : list(dimensions)) {
      out.put(String.valueOf(SamTemplate.map(d).get("Name")), String.valueOf(SamTemplate.map(d).get("Value")));
    }
    return out;
  }
}
