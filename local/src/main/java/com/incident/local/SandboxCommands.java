package com.incident.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.json.Json;
import com.incident.local.sandbox.LocalCognito;
import com.incident.local.sandbox.Sandbox;
import com.incident.local.scenario.Scenario;
import com.incident.local.scenario.ScenarioException;
import com.incident.local.scenario.ScenarioLoader;
import com.incident.tools.github.fake.FakeGitHub;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** {@code serve} and {@code invoke --sandbox}: the sandbox of the demo, for the user's own clients and events. */
final class SandboxCommands {
  static final Duration SESSION_TIMEOUT = Duration.ofSeconds(300);

  private final PrintStream out;
  private final PrintStream err;

  SandboxCommands(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  static Scenario scenario(List<String> positional, Map<String, String> options, int index) {
    return options.containsKey("--scenario-file") ? ScenarioLoader.file(Path.of(options.get("--scenario-file")))
        : ScenarioLoader.bundled(positional.size() > index ? positional.get(index) : options.getOrDefault("--scenario", "cpu-spike"));
  }

  static Sandbox.ModelMode model(Map<String, String> options) {
    return switch (options.getOrDefault("--model", "offline")) {
      case "offline" -> Sandbox.ModelMode.OFFLINE;
      case "bedrock" -> Sandbox.ModelMode.BEDROCK;
      case "scripted" -> Sandbox.ModelMode.SCRIPTED;
      default -> throw new ScenarioException("--model", List.of("--model must be offline, bedrock or scripted"));
    };
  }

  /** One function on the user's event against a fresh sandbox; prints the response, exits 1 if the handler threw. */
  int invoke(String logicalId, Path event, Map<String, String> options) {
    Sandbox.Options opts = new Sandbox.Options(model(options), 0, 0, 0, options.get("--region"),
        options.containsKey("--opensearch"));
    Scenario scenario = scenario(List.of(), options, 0);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(event);
    } catch (IOException e) {
      err.println("incident-local: cannot read " + event + ": " + e.getMessage());
      return 2;
    }
    try (Sandbox sandbox = Sandbox.start(scenario, opts, err)) {
      if (!sandbox.functions().contains(logicalId)) {
        err.println("incident-local: the sandbox runs " + String.join(", ", sandbox.functions()) + "; not " + logicalId);
        return 2;
      }
      JsonNode response;
      try {
        response = sandbox.invoke(logicalId, bytes, SESSION_TIMEOUT);
      } catch (Exception e) {
        out.println(Json.write(Map.of("errorType", e.getClass().getName(),
            "errorMessage", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())));
        return 1;
      }
      out.println(Json.write(response));
      for (FakeGitHub.Issue i : sandbox.github().issues()) {
        err.println("incident-local: GitHub issue #" + i.number + " " + i.title + " (" + i.state + ", "
            + i.comments.size() + " comment(s))");
      }
      sandbox.cluster().summary().forEach(s -> err.println("incident-local: cluster " + s));
      return 0;
    }
  }

  int serve(List<String> positional, Map<String, String> options) throws InterruptedException {
    Scenario scenario = scenario(positional, options, 0);
    Sandbox.Options opts = new Sandbox.Options(model(options), port(options, "--agent-port", 8081),
        port(options, "--gateway-port", 8082), port(options, "--cognito-port", 8090), options.get("--region"),
        options.containsKey("--opensearch"));
    PrintStream stdout = System.out;
    System.setOut(err);
    Sandbox sandbox;
    try {
      // DynamoDB Local prints its banner to stdout; stdout is kept for what the user needs to connect.
      sandbox = Sandbox.start(scenario, opts, err);
    } finally {
      System.setOut(stdout);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      err.println("incident-local: stopping the sandbox");
      sandbox.close();
      stopped.countDown();
    }, "sandbox-stop"));
    String token = sandbox.cognito().accessToken();
    out.println("""
        incident-local sandbox · scenario %s · model %s

          MCP gateway (JSON-RPC over HTTP POST)   %s
          agent runtime (Function URL)             %s
          token endpoint (client_credentials)      %s
            client id      %s
            client secret  %s
            scope          %s
          access token (valid 1 h)
            %s
          Kubernetes API (sandbox cluster)         %s
          GitHub REST API (fake, repo %s)   %s   token %s

        Try:
          curl -s %s -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \\
            -d '{"jsonrpc":"2.0","id":1,"method":"tools/list"}'
          kubectl --server %s --insecure-skip-tls-verify get deploy,pods -n %s -w
          curl -s -H "authorization: Bearer %s" %s/repos/%s/issues?state=all
        Ctrl-C stops the sandbox.
        """.formatted(scenario.name(), opts.model().name().toLowerCase(Locale.ROOT), sandbox.gatewayUrl(),
        sandbox.agentUrl(), sandbox.cognito().tokenUrl(), LocalCognito.CLIENT_ID, sandbox.cognito().clientSecret(),
        LocalCognito.SCOPE, token, sandbox.cluster().url(), Sandbox.REPOSITORY, sandbox.github().url(), sandbox.githubToken(),
        sandbox.gatewayUrl(), sandbox.cluster().url(), String.join(",", sandbox.cluster().namespaces()),
        sandbox.githubToken(), sandbox.github().url(), Sandbox.REPOSITORY));
    out.flush();
    if (!options.containsKey("--idle")) {
      for (Scenario.FollowUp n : scenario.notifications()) {
        out.println("incident-local: delivering " + n.alarm().path("NewStateValue").asText() + " of "
            + scenario.alarmName() + " (minute " + n.afterMinutes() + ")");
        sandbox.deliver(n, SESSION_TIMEOUT);
      }
      for (FakeGitHub.Issue i : sandbox.github().issues()) {
        out.println("incident-local: issue #" + i.number + " " + i.title + " (" + i.state + ", " + i.comments.size()
            + " comment(s))");
      }
      out.println("incident-local: the scenario has played out; the sandbox stays up until Ctrl-C");
      out.flush();
    }
    stopped.await();
    return 0;
  }

  private static int port(Map<String, String> options, String name, int fallback) {
    try {
      return Integer.parseInt(options.getOrDefault(name, String.valueOf(fallback)));
    } catch (NumberFormatException e) {
      throw new ScenarioException(name, List.of(name + " must be a port number"));
    }
  }
}
