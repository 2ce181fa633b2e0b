package com.incident.local.sandbox;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.incident.agent.AgentRuntimeHandler;
import com.incident.common.config.Env;
import com.incident.common.incident.IncidentTable;
import com.incident.common.incident.RemediationMode;
import com.incident.common.json.Json;
import com.incident.common.lambda.LocalContext;
import com.incident.common.obs.MetricsSink;
import com.incident.common.testing.DynamoDbLocal;
import com.incident.common.tool.ToolNames;
import com.incident.gateway.McpGatewayHandler;
import com.incident.gateway.invoke.InProcessToolInvoker;
import com.incident.local.scenario.Scenario;
import com.incident.store.SessionState;
import com.incident.tools.chaos.ChaosHandler;
import com.incident.tools.datadog.DatadogHandler;
import com.incident.tools.github.GitHubHandler;
import com.incident.tools.github.fake.FakeGitHub;
import com.incident.tools.insight.ContainerInsightHandler;
import com.incident.tools.kubernetes.KubernetesHandler;
import com.incident.tools.opensearch.OpenSearchHandler;
import com.incident.trigger.AlarmTriggerHandler;
import com.incident.webhook.GitHubWebhookHandler;
import com.incident.webhook.core.Signature;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The whole suite on this machine, wired exactly as in AWS except for the backends: alarm-trigger runs as a
 * Lambda handler on SNS events; agent-runtime and mcp-gateway answer on local Function URLs; both verify real
 * RS256 tokens from a local Cognito; the incident table is DynamoDB Local; secrets come from SSM (local, same wire
 * protocol); the tool Lambdas run in-process behind the gateway's invoker, over the scenario's metrics and logs, a
 * stateful fake GitHub and a Kubernetes API seeded with the scenario's cluster. Every function is built by its
 * module's {@code Wiring.production} from an environment, as its Lambda constructor builds it; only the tool
 * targets over scenario data (metrics, logs, the cluster, the in-process tool invoker) get parts through the
 * module's {@code Wiring.Overrides}.
 *
 * <p>AWS SDK clients reach the local DynamoDB and SSM through the SDK's standard endpoint settings
 * ({@code aws.endpointUrlDynamoDb}, {@code aws.endpointUrlSsm}), so one sandbox runs per JVM.
 */
public final class Sandbox implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Sandbox.class);

  public enum ModelMode { OFFLINE, SCRIPTED, BEDROCK }

  /**
   * Where the Container Insights tool reads the scenario's series: the in-memory source (fast, the default) or
   * moto's CloudWatch through the tool's production handler and GetMetricData.
   */
  public enum MetricsBackend {
    MEMORY("in-memory"), MOTO("moto CloudWatch (GetMetricData)");

    private final String label;

    MetricsBackend(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** Ports 0 pick free ones; `serve` may fix them so clients keep their configuration. */
  public record Options(ModelMode model, int agentPort, int gatewayPort, int cognitoPort, String bedrockRegion,
      boolean opensearch, RemediationMode remediationMode, MetricsBackend metrics) {
    public Options(ModelMode model, int agentPort, int gatewayPort, int cognitoPort, String bedrockRegion, boolean opensearch) {
      this(model, agentPort, gatewayPort, cognitoPort, bedrockRegion, opensearch, RemediationMode.AUTO);
    }

    public Options(ModelMode model, int agentPort, int gatewayPort, int cognitoPort, String bedrockRegion, boolean opensearch,
        RemediationMode remediationMode) {
      this(model, agentPort, gatewayPort, cognitoPort, bedrockRegion, opensearch, remediationMode, MetricsBackend.MEMORY);
    }

    public static Options defaults(ModelMode model) {
      return new Options(model, 0, 0, 0, null, false);
    }
  }


  /** alarm-trigger actions that start an agent session. */
  static final java.util.Set<String> SESSION_ACTIONS = java.util.Set.of("started", "recurrence", "recovery",
      "correlated", "split");
  public static final String REPOSITORY = "local-org/incidents";
  static final String CLIENT_SECRET_PARAM = "/app/incident/cognito/client-secret";
  static final String GITHUB_TOKEN_PARAM = "/app/incident/github/token";
  static final String DATADOG_API_KEY_PARAM = "/app/incident/datadog/api-key";
  static final String DATADOG_APP_KEY_PARAM = "/app/incident/datadog/app-key";
  static final String WEBHOOK_SECRET_PARAM = "/app/incident/github/webhook-secret";
  /** The login FakeGitHub writes the suite's comments as: never a command author. */
  public static final String SUITE_LOGIN = "incident-bot";
  static final String SLACK_TOKEN_PARAM = "/app/incident/slack/bot-token";
  static final String DISCORD_WEBHOOK_PARAM = "/app/incident/discord/webhook-url";
  static final String LOG_INDEX = "eks-app-logs";
  static final Map<ToolNames.Target, String> TARGETS = Map.of(
      ToolNames.Target.CONTAINER_INSIGHT, "ContainerInsightToolFunction",
      ToolNames.Target.OPENSEARCH, "OpenSearchToolFunction",
      ToolNames.Target.GITHUB, "GitHubToolFunction",
      ToolNames.Target.CHAOS, "ChaosToolFunction",
      ToolNames.Target.KUBERNETES, "KubernetesToolFunction",
      ToolNames.Target.DATADOG, "DatadogToolFunction");

  private final Scenario scenario;
  private final Options options;
  private final PrintStream log;
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final String githubToken = "ghp_" + UUID.randomUUID().toString().replace("-", "");
  private final String webhookSecret = "whsec_" + UUID.randomUUID().toString().replace("-", "");
  private final Timeline timeline;
  private final ToolRecorder recorder = new ToolRecorder();
  private final java.util.concurrent.atomic.AtomicLong commentIds = new java.util.concurrent.atomic.AtomicLong(3_000_000_000L);
  private LocalCognito cognito;
  private LocalSsm ssm;
  /** Slack and Discord, recording what the agent posts. */
  private LocalChat chat;
  /** Null when the scenario has no Datadog data: the Datadog tools are then disabled, as in an account without it. */
  private LocalDatadog datadog;
  private DynamoDbLocal dynamo;
  private SandboxCluster cluster;
  private FakeGitHub github;
  private LocalBedrock bedrock;
  private FunctionUrlServer gateway;
  private FunctionUrlServer agent;
  private FunctionUrlServer webhook;
  private AlarmTriggerHandler trigger;
  private final Map<String, RequestStreamHandler> handlers = new LinkedHashMap<>();
  private ScenarioLogSource logs;
  private EmbeddedOpenSearch opensearch;
  private String table;

  private Sandbox(Scenario scenario, Options options, PrintStream log, Instant now) {
    this.scenario = scenario;
    this.options = options;
    this.log = log;
    this.timeline = Timeline.forScenario(scenario, now);
  }

  public static Sandbox start(Scenario scenario, Options options, PrintStream log) {
    Sandbox s = new Sandbox(scenario, options, log, Instant.now());
    try {
      s.startBackends();
      s.timed("functions (Wiring.production of 10 handlers, Function URLs)", () -> {
        s.startFunctions();
        return s;
      });
      return s;
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
  }

  /** Logs (INFO, `--verbose`) how long each part of the start took: where a demo's seconds go. */
  private <T> T timed(String what, java.util.function.Supplier<T> start) {
    long t0 = System.nanoTime();
    T started = start.get();
    LOG.info("sandbox start: {} in {} ms", what, (System.nanoTime() - t0) / 1_000_000);
    return started;
  }

  private void startBackends() {
    awsSettings();
    // The slow, independent backends start on their own threads (on 2 cores the class loading of DynamoDB Local and
    // the fabric8 mock overlaps with the rest); the cheap ones start here meanwhile.
    ExecutorService starter = Executors.newFixedThreadPool(3, r -> {
      Thread t = new Thread(r, "sandbox-start");
      t.setDaemon(true);
      return t;
    });
    // A fresh table per sandbox: dedup pointers and rate counters of an earlier run in this JVM must not leak in.
    Future<DynamoDbLocal> dynamoStart = starter.submit(() -> {
      DynamoDbLocal shared = timed("DynamoDB Local", DynamoDbLocal::shared);
      table = timed("incident table", shared::newIncidentTable);
      return shared;
    });
    Future<SandboxCluster> clusterStart = starter.submit(() ->
        timed("Kubernetes mock (seeding continues in the background)", () -> SandboxCluster.open(scenario, timeline.deliveredAt(0))));
    String[] repo = REPOSITORY.split("/");
    Future<FakeGitHub> githubStart = starter.submit(() ->
        timed("fake GitHub", () -> new FakeGitHub(repo[0], repo[1], githubToken).start()));
    starter.shutdown();
    try {
      cognito = keep(timed("local Cognito (token endpoint)", () -> LocalCognito.start(options.cognitoPort())));
      ssm = keep(LocalSsm.start()).put(CLIENT_SECRET_PARAM, cognito.clientSecret()).put(GITHUB_TOKEN_PARAM, githubToken)
          .put(DATADOG_API_KEY_PARAM, LocalDatadog.API_KEY).put(DATADOG_APP_KEY_PARAM, LocalDatadog.APP_KEY)
          .put(WEBHOOK_SECRET_PARAM, webhookSecret);
      System.setProperty("aws.endpointUrlSsm", ssm.url());
      chat = keep(LocalChat.start());
      ssm.put(SLACK_TOKEN_PARAM, chat.slackToken()).put(DISCORD_WEBHOOK_PARAM, chat.discordWebhookUrl());
    } finally {
      // Every start is awaited and whatever started is kept (closed with the sandbox) before a failure is thrown.
      List<RuntimeException> failures = new ArrayList<>();
      dynamo = joined(dynamoStart, failures);
      cluster = joined(clusterStart, failures);
      github = joined(githubStart, failures);
      if (cluster != null) {
        keep(cluster);
      }
      if (github != null) {
        keep(github);
      }
      if (!failures.isEmpty()) {
        throw failures.get(0);
      }
    }
    System.setProperty("aws.endpointUrlDynamoDb", dynamo.endpoint().toString());
    if (options.model() != ModelMode.BEDROCK) {
      bedrock = keep(LocalBedrock.start(options.model() == ModelMode.SCRIPTED ? LocalBedrock.Mode.SCRIPTED
          : LocalBedrock.Mode.OFFLINE, scenario));
    } else if (!scenario.model().available()) {
      // The scenario is about Bedrock being down: even with --model bedrock, every call fails.
      bedrock = keep(LocalBedrock.start(LocalBedrock.Mode.UNAVAILABLE, scenario));
    }
    logs = new ScenarioLogSource(scenario.logs(), LOG_INDEX, timeline);
    if (scenario.datadog() != null && !scenario.datadog().isNull() && !scenario.datadog().isEmpty()) {
      datadog = keep(LocalDatadog.start(scenario.datadog(), timeline));
    }
    if (options.opensearch()) {
      opensearch = keep(EmbeddedOpenSearch.start(LOG_INDEX));
      opensearch.replace(logs.events());
    }
  }

  /** The started backend, or null with its start's failure added to {@code failures}. */
  private static <T> T joined(Future<T> start, List<RuntimeException> failures) {
    try {
      return start.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failures.add(new IllegalStateException("interrupted while the sandbox started", e));
    } catch (ExecutionException e) {
      failures.add(e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause()));
    }
    return null;
  }

  /** Region and credentials for every SDK client; with --model bedrock the real ones, resolved before anything else. */
  private void awsSettings() {
    System.setProperty("aws.region", "us-east-1");
    if (options.model() == ModelMode.BEDROCK) {
      AwsCredentials real;
      try {
        real = DefaultCredentialsProvider.builder().build().resolveCredentials();
      } catch (RuntimeException e) {
        throw new IllegalStateException("--model bedrock needs AWS credentials from the default chain "
            + "(environment, ~/.aws, SSO or instance profile): " + e.getMessage(), e);
      }
      System.setProperty("aws.accessKeyId", real.accessKeyId());
      System.setProperty("aws.secretAccessKey", real.secretAccessKey());
      if (real instanceof AwsSessionCredentials session) {
        System.setProperty("aws.sessionToken", session.sessionToken());
      }
    } else {
      // The local backends accept any signature; fixed values keep the SDK from probing for credentials.
      System.setProperty("aws.accessKeyId", "local");
      System.setProperty("aws.secretAccessKey", "local");
    }
  }

  private void startFunctions() {
    Map<String, RequestStreamHandler> tools = new LinkedHashMap<>();
    com.incident.tools.insight.Config insight = com.incident.tools.insight.Config.from(Env.of(Map.of()));
    ScenarioMetricSource series = new ScenarioMetricSource(scenario.metrics(), insight.namespace(), timeline,
        cluster::holds);
    tools.put(TARGETS.get(ToolNames.Target.CONTAINER_INSIGHT), recorder.wrap("ContainerInsightToolFunction",
        options.metrics() == MetricsBackend.MOTO ? MotoMetrics.start(series, insight.namespace()).handler()
            : new ContainerInsightHandler(com.incident.tools.insight.Wiring.production(insight,
                new com.incident.tools.insight.Wiring.Overrides(series, MetricsSink.NOOP)))));
    tools.put(TARGETS.get(ToolNames.Target.OPENSEARCH), recorder.wrap("OpenSearchToolFunction",
        new OpenSearchHandler(com.incident.tools.opensearch.Wiring.production(
            com.incident.tools.opensearch.Config.from(Env.of(openSearchEnv())),
            new com.incident.tools.opensearch.Wiring.Overrides(opensearch == null ? logs : opensearch.logSource(),
                MetricsSink.NOOP)))));
    tools.put(TARGETS.get(ToolNames.Target.GITHUB), recorder.wrap("GitHubToolFunction", new GitHubHandler(
        com.incident.tools.github.Wiring.production(com.incident.tools.github.Config.from(Env.of(githubEnv()))))));
    tools.put(TARGETS.get(ToolNames.Target.DATADOG), recorder.wrap("DatadogToolFunction", new DatadogHandler(
        com.incident.tools.datadog.Wiring.production(com.incident.tools.datadog.Config.from(Env.of(datadogEnv()))))));
    ChaosHandler chaos = new ChaosHandler(com.incident.tools.chaos.Wiring.production(
        com.incident.tools.chaos.Config.from(Env.of(chaosEnv())),
        new com.incident.tools.chaos.Wiring.Overrides(cluster.clientForWiring(), null)));
    // Both Kubernetes targets wait for the cluster's seed, which overlaps with the alarm's first steps.
    tools.put(TARGETS.get(ToolNames.Target.CHAOS), recorder.wrap("ChaosToolFunction", (in, out, ctx) -> {
      SandboxCluster.State before = cluster.state();
      chaos.handleRequest(in, out, ctx);
      if (!before.changedIn(cluster.state()).isEmpty()) {
        LOG.info("chaos-cleanup changed the cluster: the scenario's metrics switch to their after-remediation series");
        timeline.remediated();
        syncLogs();
      }
    }));
    // Read-only evidence from the same cluster chaos-cleanup acts on.
    KubernetesHandler kubernetes = new KubernetesHandler(com.incident.tools.kubernetes.Wiring.production(
        com.incident.tools.kubernetes.Config.from(Env.of(kubernetesEnv())),
        new com.incident.tools.kubernetes.Wiring.Overrides(cluster.clientForWiring(), MetricsSink.NOOP)));
    tools.put(TARGETS.get(ToolNames.Target.KUBERNETES), recorder.wrap("KubernetesToolFunction", (in, out, ctx) -> {
      cluster.awaitSeeded();
      kubernetes.handleRequest(in, out, ctx);
    }));
    handlers.putAll(tools);
    // The gateway's and agent's URLs are part of each other's environment, so the servers start before the handlers.
    gateway = keep(FunctionUrlServer.start("McpGatewayFunction", this::gatewayHandler, options.gatewayPort(), 120, log));
    agent = keep(FunctionUrlServer.start("AgentRuntimeFunction", this::agentHandler, options.agentPort(), 900, log));
    handlers.put("McpGatewayFunction", new McpGatewayHandler(com.incident.gateway.Wiring.production(
        com.incident.gateway.Config.from(Env.of(gatewayEnv())),
        com.incident.gateway.Wiring.Overrides.invoker(new InProcessToolInvoker(tools)))));
    handlers.put("AgentRuntimeFunction", new AgentRuntimeHandler(
        com.incident.agent.Wiring.production(com.incident.agent.Config.from(Env.of(agentEnv())))));
    trigger = new AlarmTriggerHandler(
        com.incident.trigger.Wiring.production(com.incident.trigger.Config.from(Env.of(triggerEnv()))));
    handlers.put("AlarmTriggerFunction", trigger);
    // Issue comments come back through the webhook's own Function URL, signed as GitHub signs them.
    webhook = keep(FunctionUrlServer.start("GitHubWebhookFunction", this::webhookHandler, 0, 30, log));
    handlers.put("GitHubWebhookFunction", new GitHubWebhookHandler(
        com.incident.webhook.Wiring.production(com.incident.webhook.Config.from(Env.of(webhookEnv())))));
  }

  private void webhookHandler(java.io.InputStream in, java.io.OutputStream out, com.amazonaws.services.lambda.runtime.Context ctx)
      throws java.io.IOException {
    handlers.get("GitHubWebhookFunction").handleRequest(in, out, ctx);
  }

  private void gatewayHandler(java.io.InputStream in, java.io.OutputStream out, com.amazonaws.services.lambda.runtime.Context ctx)
      throws java.io.IOException {
    handlers.get("McpGatewayFunction").handleRequest(in, out, ctx);
  }

  private void agentHandler(java.io.InputStream in, java.io.OutputStream out, com.amazonaws.services.lambda.runtime.Context ctx)
      throws java.io.IOException {
    handlers.get("AgentRuntimeFunction").handleRequest(in, out, ctx);
  }

  /** Template logical ids of the functions this sandbox runs. */
  public java.util.Set<String> functions() {
    return handlers.keySet();
  }

  /**
   * Runs one function on an event of the caller's own, against this sandbox's backends (`invoke --sandbox`).
   * Function URL events get a fresh sandbox token (sample events carry placeholders); sessions an alarm or agent
   * request starts are waited for, so the caller sees the finished work in GitHub and the cluster.
   */
  public JsonNode invoke(String logicalId, byte[] event, Duration timeout) throws java.io.IOException {
    RequestStreamHandler handler = handlers.get(logicalId);
    if (handler == null) {
      throw new IllegalArgumentException("the sandbox runs no function '" + logicalId + "'; it runs " + handlers.keySet());
    }
    JsonNode tree = Json.MAPPER.readTree(event);
    if (tree != null && tree.isObject() && tree.has("requestContext") && tree.has("headers")) {
      com.fasterxml.jackson.databind.node.ObjectNode headers = (com.fasterxml.jackson.databind.node.ObjectNode) tree.get("headers");
      if ("GitHubWebhookFunction".equals(logicalId)) {
        // Sample deliveries are signed with GitHub's documented test secret; this sandbox has its own.
        headers.remove(Signature.HEADER);
        headers.put(Signature.HEADER.toLowerCase(java.util.Locale.ROOT),
            Signature.header(webhookSecret, com.incident.common.lambda.FunctionUrl.Request.from(tree).bodyBytes()));
      } else {
        headers.put("authorization", "Bearer " + cognito.accessToken());
      }
      event = Json.write(tree).getBytes(StandardCharsets.UTF_8);
    }
    if (handler == trigger) {
      alarmTime(tree).ifPresent(timeline::anchorAt);
      timeline.advanceTo(0);
      syncLogs();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(event), out, new LocalContext(logicalId, 900, 1024, log));
    JsonNode response = Json.MAPPER.readTree(out.toByteArray());
    if (handler == trigger) {
      for (JsonNode r : response.path("results")) {
        if (r.hasNonNull("sessionId") && SESSION_ACTIONS.contains(r.path("action").asText())) {
          awaitSession(r.get("sessionId").asText(), timeout);
        }
      }
    } else if ("GitHubWebhookFunction".equals(logicalId) && response.path("statusCode").asInt() == 202) {
      String session = Json.MAPPER.readTree(response.path("body").asText("{}")).path("sessionId").asText(null);
      if (session != null) {
        awaitSession(session, timeout);
      }
    } else if ("AgentRuntimeFunction".equals(logicalId) && response.path("statusCode").asInt() == 202) {
      String session = Json.MAPPER.readTree(tree.path("body").asText("{}")).path("sessionId").asText(null);
      if (session != null) {
        awaitSession(session, timeout);
      }
    }
    return response;
  }

  /**
   * A sample event (events/) moved onto this sandbox's clock by {@link SampleClock}'s rule: the sample incident's
   * alarm falls on the scenario's minute 0, so the windows the event asks for are the ones the sandbox has data for.
   */
  public byte[] onSandboxClock(byte[] event) throws java.io.IOException {
    JsonNode moved = SampleClock.shift(Json.MAPPER.readTree(event), SampleClock.offsetTo(timeline.deliveredAt(0)));
    return Json.write(moved).getBytes(StandardCharsets.UTF_8);
  }

  /** The StateChangeTime of the first SNS record's alarm, if the event is an SNS alarm notification. */
  static java.util.Optional<Instant> alarmTime(JsonNode event) {
    try {
      String message = event.path("Records").path(0).path("Sns").path("Message").asText("");
      return stateChangeTime(message.isEmpty() ? "" : Json.tree(message).path("StateChangeTime").asText(""));
    } catch (java.io.IOException e) {
      return java.util.Optional.empty();
    }
  }

  /** An alarm's StateChangeTime as CloudWatch writes it (2026-11-21T03:15:12.345+0000), if it is one. */
  static java.util.Optional<Instant> stateChangeTime(String at) {
    try {
      return at.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(
          java.time.OffsetDateTime.parse(at, java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")).toInstant());
    } catch (java.time.format.DateTimeParseException e) {
      return java.util.Optional.empty();
    }
  }

  Map<String, String> triggerEnv() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("INCIDENT_TABLE", table);
    env.put("AGENT_ENDPOINT_URL", agent.url());
    env.putAll(tokenClientEnv());
    return env;
  }

  /** The app client alarm-trigger and agent-runtime both fetch their client_credentials tokens with. */
  private Map<String, String> tokenClientEnv() {
    return Map.of("COGNITO_TOKEN_URL", cognito.tokenUrl(), "COGNITO_CLIENT_ID", LocalCognito.CLIENT_ID,
        "COGNITO_CLIENT_SECRET_PARAM", CLIENT_SECRET_PARAM, "COGNITO_SCOPE", LocalCognito.SCOPE);
  }

  Map<String, String> webhookEnv() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("INCIDENT_TABLE", table);
    env.put("AGENT_ENDPOINT_URL", agent.url());
    env.putAll(tokenClientEnv());
    env.put("GITHUB_WEBHOOK_SECRET_PARAM", WEBHOOK_SECRET_PARAM);
    env.put("GITHUB_REPOSITORY", REPOSITORY);
    env.put("SUITE_GITHUB_LOGIN", SUITE_LOGIN);
    return env;
  }

  Map<String, String> agentEnv() {
    Map<String, String> env = new LinkedHashMap<>(verifierEnv());
    env.putAll(tokenClientEnv());
    env.put("GATEWAY_URL", gateway.url());
    env.put("INCIDENT_TABLE", table);
    // Where the Kubernetes evidence looks when the alarm names no namespace (ALB, metric-math, composite alarms).
    env.put("MONITORED_NAMESPACES", String.join(",", cluster.namespaces()));
    env.put("DATADOG_ENABLED", String.valueOf(datadog != null));
    // As the template does: alarms without a namespace are investigated where chaos-cleanup may act.
    env.put("MONITORED_NAMESPACES", String.join(",", cluster.namespaces()));
    if (bedrock != null) {
      env.put("BEDROCK_ENDPOINT", bedrock.url());
      if (options.model() == ModelMode.OFFLINE) {
        env.put("MODEL_ID", "none");
      } else if (options.model() != ModelMode.BEDROCK) {
        env.put("MODEL_ID", bedrock.modelId());
      }
      env.put("MODEL_MAX_ATTEMPTS", options.model() == ModelMode.OFFLINE ? "1" : "2");
      env.put("MODEL_RETRY_BASE_MS", "50");
    } else if (options.bedrockRegion() != null) {
      env.put("BEDROCK_REGION", options.bedrockRegion());
    }
    // Recovery checks every second instead of every 30: the scenario's metrics fast-forward after a fix.
    env.put("RECOVERY_CHECKS", "3");
    env.put("RECOVERY_INTERVAL_SECONDS", "1");
    env.put("FINAL_RESERVE_SECONDS", "10");
    env.put(RemediationMode.ENV, options.remediationMode().id());
    // The sandbox replays one alarm many times (bench, serve, invoke --sandbox), each time from a fresh trigger
    // table; the agent's hourly budget, which would refuse the fourth replay, is tested in agent-runtime instead.
    env.put("RATE_LIMIT_PER_ALARM_PER_HOUR", "1000");
    env.put("RATE_LIMIT_GLOBAL_PER_HOUR", "1000");
    // Both chat destinations, with their secrets in the sandbox's SSM as in AWS.
    env.put("SLACK_BOT_TOKEN_PARAMETER", SLACK_TOKEN_PARAM);
    env.put("SLACK_CHANNEL_ID", LocalChat.SLACK_CHANNEL);
    env.put("SLACK_API_URL", chat.slackApiUrl());
    env.put("DISCORD_WEBHOOK_URL_PARAMETER", DISCORD_WEBHOOK_PARAM);
    return env;
  }

  Map<String, String> gatewayEnv() {
    Map<String, String> env = new LinkedHashMap<>(verifierEnv());
    TARGETS.forEach((target, function) -> env.put("TOOL_TARGET_" + target.name(), function));
    env.put("DATADOG_ENABLED", String.valueOf(datadog != null));
    return env;
  }

  Map<String, String> datadogEnv() {
    return datadog == null ? Map.of("DATADOG_ENABLED", "false") : Map.of("DATADOG_ENABLED", "true",
        "DATADOG_API_URL", datadog.url(), "DATADOG_API_KEY_PARAM", DATADOG_API_KEY_PARAM,
        "DATADOG_APP_KEY_PARAM", DATADOG_APP_KEY_PARAM);
  }

  /**
   * The scenario's logs stand in for the cluster (in memory, or the embedded node's client with its longer
   * timeout): the endpoint is the embedded node's, or a loopback address nothing is sent to.
   */
  private Map<String, String> openSearchEnv() {
    return Map.of("OPENSEARCH_ENDPOINT", opensearch == null ? "http://127.0.0.1:9200" : opensearch.endpoint(),
        "OPENSEARCH_AUTH", "none", "OPENSEARCH_INDEX", LOG_INDEX);
  }

  Map<String, String> githubEnv() {
    return Map.of("GITHUB_REPOSITORY", REPOSITORY, "GITHUB_API_URL", github.url(), "GITHUB_TOKEN_PARAM", GITHUB_TOKEN_PARAM);
  }

  Map<String, String> chaosEnv() {
    return Map.of("CHAOS_ALLOWED_NAMESPACES", String.join(",", cluster.namespaces()), "CHAOS_VERIFY_TIMEOUT_SECONDS", "5",
        "EKS_CLUSTER_NAME", scenario.cluster().name(), RemediationMode.ENV, options.remediationMode().id());
  }

  /** The read-only target reads the sandbox cluster; find-chaos scans what chaos-cleanup would. */
  Map<String, String> kubernetesEnv() {
    return Map.of("CHAOS_ALLOWED_NAMESPACES", String.join(",", cluster.namespaces()), "EKS_CLUSTER_NAME", scenario.cluster().name());
  }

  private Map<String, String> verifierEnv() {
    return Map.of("COGNITO_ISSUER", cognito.issuer(), "COGNITO_JWKS_URL", cognito.jwksUrl(),
        "COGNITO_ALLOWED_CLIENT_IDS", LocalCognito.CLIENT_ID, "COGNITO_REQUIRED_SCOPE", LocalCognito.SCOPE);
  }

  /**
   * Delivers one notification the way SNS does, then waits for every agent session it started to finish.
   *
   * @return alarm-trigger's response ({@code {"results":[...]}})
   */
  public JsonNode deliver(Scenario.FollowUp notification, Duration timeout) {
    timeline.advanceTo(notification.afterMinutes());
    syncLogs();
    Instant at = timeline.deliveredAt(notification.afterMinutes());
    String event = Json.write(SnsNotification.event(notification.alarm(), at, UUID.randomUUID().toString()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      trigger.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out,
          new LocalContext("AlarmTriggerFunction", 60, 512, log));
    } catch (Exception e) {
      throw new IllegalStateException("AlarmTriggerFunction failed: " + e.getMessage(), e);
    }
    JsonNode response;
    try {
      response = Json.tree(out.toString(StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw new IllegalStateException("AlarmTriggerFunction answered something that is not JSON", e);
    }
    for (JsonNode r : response.path("results")) {
      if (r.hasNonNull("sessionId") && SESSION_ACTIONS.contains(r.path("action").asText())) {
        awaitSession(r.get("sessionId").asText(), timeout);
      }
    }
    return response;
  }

  /** With --opensearch, the index follows the timeline (the in-memory backend does so by itself). */
  private void syncLogs() {
    if (opensearch != null) {
      opensearch.replace(logs.events());
    }
  }

  /** Polls the session item agent-runtime keeps in the incident table until the worker marked it DONE. */
  private void awaitSession(String sessionId, Duration timeout) {
    Instant end = Instant.now().plus(timeout);
    while (Instant.now().isBefore(end)) {
      Map<String, AttributeValue> item = dynamo.client().getItem(b -> b.tableName(table).consistentRead(true)
          .key(Map.of(IncidentTable.PK, AttributeValue.fromS(IncidentTable.SESSION_PREFIX + sessionId)))).item();
      if (item != null && item.containsKey(IncidentTable.SESSION_STATE)
          && SessionState.DONE.name().equals(item.get(IncidentTable.SESSION_STATE).s())) {
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for session " + sessionId, e);
      }
    }
    throw new IllegalStateException("agent session " + sessionId + " did not finish within " + timeout.toSeconds() + " s");
  }

  public Scenario scenario() {
    return scenario;
  }

  public Timeline timeline() {
    return timeline;
  }

  public FakeGitHub github() {
    return github;
  }

  public SandboxCluster cluster() {
    return cluster;
  }

  public LocalCognito cognito() {
    return cognito;
  }

  /** The scripted/offline Bedrock endpoint, or null with --model bedrock. */
  public LocalBedrock bedrock() {
    return bedrock;
  }

  public LocalChat chat() {
    return chat;
  }

  public ToolRecorder tools() {
    return recorder;
  }

  public String gatewayUrl() {
    return gateway.url();
  }

  public String agentUrl() {
    return agent.url();
  }

  public String githubToken() {
    return githubToken;
  }

  /** The incident whose issue is {@code issueNumber}, as the webhook finds it (the table's issue index). */
  public java.util.Optional<com.incident.store.Incident> incidentOfIssue(int issueNumber) {
    return new com.incident.store.DynamoIncidentStore(dynamo.client(), table,
        com.incident.store.DynamoIncidentStore.Expiry.all(Duration.ofDays(1))).incidentByIssue(issueNumber);
  }

  /** The webhook's Function URL: the payload URL a repository's webhook settings would name. */
  public String webhookUrl() {
    return webhook.url();
  }

  /** The secret the webhook verifies deliveries with (in the sandbox's SSM, as in AWS). */
  public String webhookSecret() {
    return webhookSecret;
  }

  /** What the webhook answered one delivery. */
  public record WebhookDelivery(int status, String outcome, String reason, String sessionId) {}

  /**
   * A person's new comment on an issue, delivered as GitHub does: an {@code issue_comment} payload signed with the
   * webhook secret, POSTed to the webhook's Function URL. A command the webhook forwarded is waited for, so the
   * caller sees what the agent did in GitHub and the cluster. The comment itself is not added to FakeGitHub: only
   * the delivery matters to the suite.
   */
  public WebhookDelivery comment(int issueNumber, String login, String body, Duration timeout) {
    String delivery = UUID.randomUUID().toString();
    byte[] payload = Json.write(Json.object().put("action", "created")
        .<com.fasterxml.jackson.databind.node.ObjectNode>set("repository", Json.object().put("full_name", REPOSITORY))
        .<com.fasterxml.jackson.databind.node.ObjectNode>set("issue", Json.object().put("number", issueNumber))
        .<com.fasterxml.jackson.databind.node.ObjectNode>set("comment", Json.object().put("id", commentIds.incrementAndGet())
            .put("body", body).put("created_at", Instant.now().toString())
            .set("user", Json.object().put("login", login).put("type", "User")))
        .set("sender", Json.object().put("login", login))).getBytes(StandardCharsets.UTF_8);
    java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(webhook.url()))
        .timeout(Duration.ofSeconds(30))
        .header("content-type", "application/json")
        .header("x-github-event", "issue_comment")
        .header("x-github-delivery", delivery)
        .header(Signature.HEADER, Signature.header(webhookSecret, payload))
        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(payload)).build();
    JsonNode answer;
    int status;
    try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
      java.net.http.HttpResponse<String> response = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
      status = response.statusCode();
      answer = Json.tree(response.body());
    } catch (java.io.IOException e) {
      throw new IllegalStateException("the webhook's Function URL did not answer: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while delivering a comment to the webhook", e);
    }
    String sessionId = answer.path("sessionId").asText(null);
    if ("forwarded".equals(answer.path("outcome").asText()) && sessionId != null) {
      awaitSession(sessionId, timeout);
    }
    return new WebhookDelivery(status, answer.path("outcome").asText(), answer.path("reason").asText(), sessionId);
  }

  /** The JVM-wide AWS SDK settings this sandbox uses, for a child JVM that must reach the same backends. */
  public Map<String, String> systemProperties() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String name : List.of("aws.region", "aws.accessKeyId", "aws.secretAccessKey", "aws.endpointUrlDynamoDb",
        "aws.endpointUrlSsm", "aws.endpointUrlCloudWatch")) {
      if (System.getProperty(name) != null) {
        out.put(name, System.getProperty(name));
      }
    }
    return out;
  }

  /** A new, empty incident table in the sandbox's DynamoDB Local. */
  public String newTable() {
    return dynamo.newIncidentTable();
  }

  /** The environment each function runs with here, by template logical id (for `invoke --sandbox`). */
  public Map<String, Map<String, String>> environments() {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    out.put("AlarmTriggerFunction", triggerEnv());
    out.put("AgentRuntimeFunction", agentEnv());
    out.put("McpGatewayFunction", gatewayEnv());
    out.put("GitHubToolFunction", githubEnv());
    out.put("ChaosToolFunction", chaosEnv());
    out.put("KubernetesToolFunction", kubernetesEnv());
    out.put("GitHubWebhookFunction", webhookEnv());
    return out;
  }

  private <T extends AutoCloseable> T keep(T c) {
    closeables.add(c);
    return c;
  }

  @Override
  public synchronized void close() {
    for (AutoCloseable c : closeables.reversed()) {
      try {
        c.close();
      } catch (Exception e) {
        LOG.warn("Closing {} failed: {}", c.getClass().getSimpleName(), e.toString());
      }
    }
    closeables.clear();
  }
}
