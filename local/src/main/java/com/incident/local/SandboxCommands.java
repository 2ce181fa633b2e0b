package com.incident.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.json.Json;
import com.incident.local.demo.DemoReport;
import com.incident.local.demo.DemoResult;
import com.incident.local.sandbox.LocalCognito;
import com.incident.local.sandbox.Sandbox;
import com.incident.local.scenario.Scenario;
import com.incident.tools.github.fake.FakeGitHub;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
  /** Where `invoke --sandbox` writes the issues and `serve` its kubeconfig, relative to the working directory. */
  static final Path OUTPUT = Path.of("target", "sandbox");

  private final PrintStream out;
  private final PrintStream err;

  SandboxCommands(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /**
   * One function on the user's event against a fresh sandbox (its times moved onto the sandbox's clock by the sample
   * events' rule unless {@code keepTimes}): stdout gets the response JSON, then every GitHub
   * issue the run left (title, labels, body, comments), which is also written to target/sandbox/issues.md. Exit 1
   * if the handler threw.
   */
  int invoke(String logicalId, Path event, Scenario scenario, Sandbox.Options options, boolean keepTimes)
      throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(event);
    } catch (IOException e) {
      err.println("incident-local: cannot read " + event + ": " + e.getMessage());
      return 2;
    }
    try (Sandbox sandbox = Sandbox.start(scenario, options, err)) {
      if (!sandbox.functions().contains(logicalId)) {
        err.println("incident-local: the sandbox runs " + String.join(", ", sandbox.functions()) + "; not " + logicalId);
        return 2;
      }
      JsonNode response;
      try {
        response = sandbox.invoke(logicalId, keepTimes ? bytes : sandbox.onSandboxClock(bytes), SESSION_TIMEOUT);
      } catch (Exception e) {
        out.println(Json.write(Map.of("errorType", e.getClass().getName(), "errorMessage", Commands.oneLine(e))));
        return 1;
      }
      out.println(Json.write(response));
      List<DemoResult.Issue> issues = sandbox.github().issues().stream().map(DemoResult.Issue::of).toList();
      if (!issues.isEmpty()) {
        String markdown = DemoReport.markdown(issues);
        Files.createDirectories(OUTPUT);
        Path file = OUTPUT.resolve("issues.md");
        Files.writeString(file, markdown, StandardCharsets.UTF_8);
        out.println();
        out.print(markdown);
        err.println("incident-local: " + issues.size() + " GitHub issue(s), also written to " + file.toAbsolutePath());
      }
      sandbox.cluster().summary().forEach(s -> err.println("incident-local: cluster " + s));
      return 0;
    }
  }

  /**
   * Starts the sandbox, prints how to reach it (commands that run verbatim in bash and zsh), plays the scenario unless
   * {@code play} is false, and runs until Ctrl-C (the JVM's shutdown) or an interrupt; the sandbox is closed either way.
   */
  int serve(Scenario scenario, Sandbox.Options opts, boolean play) throws IOException {
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
    Thread hook = new Thread(() -> {
      err.println("incident-local: stopping the sandbox");
      sandbox.close();
      stopped.countDown();
    }, "sandbox-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      sandbox.github().grant(SERVE_APPROVER, "write");
      Path kubeconfig = writeKubeconfig(sandbox.cluster().url());
      out.print(banner(sandbox, scenario, opts, kubeconfig));
      out.flush();
      if (play) {
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
      try {
        stopped.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return 0;
    } finally {
      if (stopped.getCount() > 0) {
        // Not stopped by the JVM's shutdown (an interrupt, a failed delivery): close here and drop the hook.
        Runtime.getRuntime().removeShutdownHook(hook);
        sandbox.close();
      }
    }
  }

  private static String banner(Sandbox sandbox, Scenario scenario, Sandbox.Options opts, Path kubeconfig) {
    String token = sandbox.cognito().accessToken();
    return """
        incident-local sandbox · scenario %s · model %s

          MCP gateway (JSON-RPC over HTTP POST)   %s
          agent runtime (Function URL)             %s
          token endpoint (client_credentials)      %s
            client id      %s
            client secret  %s
            scope          %s
          Kubernetes API (sandbox cluster)         %s   kubeconfig %s
          GitHub REST API (fake, repo %s)   %s
          GitHub webhook (Function URL)            %s
            secret         %s

        Try (each line works pasted into bash or zsh; the access token is valid 1 h):
        %s
        Ctrl-C stops the sandbox.
        """.formatted(scenario.name(), opts.model().name().toLowerCase(Locale.ROOT), sandbox.gatewayUrl(),
        sandbox.agentUrl(), sandbox.cognito().tokenUrl(), LocalCognito.CLIENT_ID, sandbox.cognito().clientSecret(),
        LocalCognito.SCOPE, sandbox.cluster().url(), kubeconfig, Sandbox.REPOSITORY, sandbox.github().url(),
        sandbox.webhookUrl(), sandbox.webhookSecret(),
        String.join("\n", tryLines(token, sandbox.githubToken(), sandbox.gatewayUrl(), kubeconfig,
            sandbox.cluster().namespaces(), sandbox.github().url() + "/repos/" + Sandbox.REPOSITORY + "/issues?state=all",
            sandbox.webhookUrl(), sandbox.webhookSecret())));
  }

  /**
   * Shell lines a user pastes as they are: secrets exported first, every URL and path single-quoted (zsh globs an
   * unquoted {@code ?}), curl failing on an HTTP error, kubectl through the kubeconfig the sandbox wrote.
   */
  static List<String> tryLines(String accessToken, String githubToken, String gatewayUrl, Path kubeconfig,
      List<String> namespaces, String issuesUrl, String webhookUrl, String webhookSecret) {
    String namespace = namespaces.isEmpty() ? "default" : namespaces.getFirst();
    // A person's `/approve` on issue #1 as GitHub delivers it: signed with HMAC-SHA256 over the exact body bytes.
    String comment = "{\"action\":\"created\",\"repository\":{\"full_name\":\"" + Sandbox.REPOSITORY + "\"},"
        + "\"issue\":{\"number\":1},\"comment\":{\"id\":1,\"body\":\"/approve\",\"created_at\":\"2026-01-01T00:00:00Z\","
        + "\"user\":{\"login\":\"" + SERVE_APPROVER + "\",\"type\":\"User\"}}}";
    return List.of(
        "  export TOKEN=" + quote(accessToken) + " GITHUB_TOKEN=" + quote(githubToken) + " KUBECONFIG="
            + quote(kubeconfig.toString()) + " WEBHOOK_SECRET=" + quote(webhookSecret),
        "  curl -sS --fail-with-body " + quote(gatewayUrl) + " -H \"authorization: Bearer $TOKEN\""
            + " -H 'content-type: application/json' -d '{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}'",
        // --raw: the mock API server has no discovery documents, which `kubectl get deployments` needs first.
        "  kubectl get --raw " + quote("/apis/apps/v1/namespaces/" + namespace + "/deployments"),
        "  curl -sS --fail-with-body -H \"authorization: Bearer $GITHUB_TOKEN\" " + quote(issuesUrl),
        "  BODY=" + quote(comment) + "; curl -sS --fail-with-body " + quote(webhookUrl)
            + " -H 'content-type: application/json' -H 'x-github-event: issue_comment'"
            + " -H \"x-github-delivery: try-$RANDOM$RANDOM\""
            + " -H \"x-hub-signature-256: sha256=$(printf %s \"$BODY\" | openssl dgst -sha256 -hmac \"$WEBHOOK_SECRET\" -r | cut -d' ' -f1)\""
            + " --data-binary \"$BODY\"");
  }

  /** Who the printed webhook line comments as; `serve` gives this login write access on the fake repository. */
  static final String SERVE_APPROVER = "oncall";

  /** Single quotes for bash and zsh alike; a quote inside becomes '\''. */
  static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  /** A kubeconfig for the sandbox's API server (plain HTTP on 127.0.0.1, no credentials), for kubectl and friends. */
  static Path writeKubeconfig(String server) throws IOException {
    Path file = OUTPUT.resolve("kubeconfig").toAbsolutePath();
    Files.createDirectories(file.getParent());
    Files.writeString(file, """
        apiVersion: v1
        kind: Config
        clusters:
        - name: incident-local
          cluster:
            server: %s
        users:
        - name: incident-local
          user: {}
        contexts:
        - name: incident-local
          context:
            cluster: incident-local
            user: incident-local
        current-context: incident-local
        """.formatted(Json.write(server.replaceAll("/+$", ""))), StandardCharsets.UTF_8);
    return file;
  }
}
