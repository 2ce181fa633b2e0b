package com.incident.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.incident.agent.AgentRuntimeHandler;
import com.incident.common.config.Env;
import com.incident.gateway.McpGatewayHandler;
import com.incident.tools.chaos.ChaosHandler;
import com.incident.tools.datadog.DatadogHandler;
import com.incident.tools.github.GitHubHandler;
import com.incident.tools.insight.ContainerInsightHandler;
import com.incident.tools.kubernetes.KubernetesHandler;
import com.incident.tools.opensearch.OpenSearchHandler;
import com.incident.trigger.AlarmTriggerHandler;
import com.incident.webhook.GitHubWebhookHandler;
import com.incident.common.lambda.LocalContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs one function's handler in this JVM the way the Lambda Java runtime does: construct the handler
 * (init phase), then feed it the event bytes. Anything the handler prints to stdout (EMF metrics, stray
 * prints) is sent to stderr so that stdout carries only the response, as with {@code sam local invoke}.
 */
public final class LocalInvoker {
  /** Every function of the template by handler class: what its no-arg constructor runs, given the environment. */
  static final Map<String, Function<Env, RequestStreamHandler>> FUNCTIONS = Map.of(
      AlarmTriggerHandler.class.getName(), env -> new AlarmTriggerHandler(
          com.incident.trigger.Wiring.production(com.incident.trigger.Config.from(env))),
      AgentRuntimeHandler.class.getName(), env -> new AgentRuntimeHandler(
          com.incident.agent.Wiring.production(com.incident.agent.Config.from(env))),
      McpGatewayHandler.class.getName(), env -> new McpGatewayHandler(
          com.incident.gateway.Wiring.production(com.incident.gateway.Config.from(env))),
      ContainerInsightHandler.class.getName(), env -> new ContainerInsightHandler(
          com.incident.tools.insight.Wiring.production(com.incident.tools.insight.Config.from(env))),
      OpenSearchHandler.class.getName(), env -> new OpenSearchHandler(
          com.incident.tools.opensearch.Config.ifConfigured(env).map(com.incident.tools.opensearch.Wiring::production)
              .orElseGet(com.incident.tools.opensearch.Wiring::off)),
      DatadogHandler.class.getName(), env -> new DatadogHandler(
          com.incident.tools.datadog.Wiring.production(com.incident.tools.datadog.Config.from(env))),
      GitHubHandler.class.getName(), env -> new GitHubHandler(
          com.incident.tools.github.Wiring.production(com.incident.tools.github.Config.from(env))),
      ChaosHandler.class.getName(), env -> new ChaosHandler(
          com.incident.tools.chaos.Wiring.production(com.incident.tools.chaos.Config.from(env))),
      KubernetesHandler.class.getName(), env -> new KubernetesHandler(
          com.incident.tools.kubernetes.Wiring.production(com.incident.tools.kubernetes.Config.from(env))),
      GitHubWebhookHandler.class.getName(), env -> new GitHubWebhookHandler(
          com.incident.webhook.Wiring.production(com.incident.webhook.Config.from(env))));

  /** The outcome: the response bytes, or the Lambda-style error object for a handler that threw. */
  public record Result(byte[] response, boolean failed) {}

  private final PrintStream diagnostics;

  public LocalInvoker(PrintStream diagnostics) {
    this.diagnostics = diagnostics;
  }

  public Result invoke(SamTemplate.FunctionSpec spec, Map<String, String> environment, byte[] event) {
    PrintStream stdout = System.out;
    System.setOut(diagnostics);
    try {
      RequestStreamHandler handler = instantiate(spec.handlerClass(), Env.of(environment));
      Context context = new LocalContext(spec.logicalId(), spec.timeoutSeconds(), spec.memoryMb(), diagnostics);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      handler.handleRequest(new ByteArrayInputStream(event), out, context);
      return new Result(out.toByteArray(), false);
    } catch (Throwable t) {
      Throwable cause = t instanceof InvocationTargetException ite && ite.getCause() != null ? ite.getCause() : t;
      return new Result(errorObject(cause), true);
    } finally {
      System.setOut(stdout);
    }
  }

  /**
   * Builds the handler as its no-arg (Lambda) constructor does, from {@code env} instead of the process environment,
   * which a running JVM cannot change. A class that is not one of the suite's functions is handed the environment
   * through a public {@code (Env)} constructor if it has one, else built by its no-arg constructor.
   */
  static RequestStreamHandler instantiate(String className, Env env) throws ReflectiveOperationException {
    Function<Env, RequestStreamHandler> function = FUNCTIONS.get(className);
    if (function != null) {
      return function.apply(env);
    }
    Class<?> type = Class.forName(className);
    if (!RequestStreamHandler.class.isAssignableFrom(type)) {
      throw new IllegalStateException(className + " is not a RequestStreamHandler; the local runner only runs stream handlers");
    }
    try {
      return (RequestStreamHandler) type.getConstructor(Env.class).newInstance(env);
    } catch (NoSuchMethodException e) {
      return (RequestStreamHandler) type.getConstructor().newInstance();
    }
  }

  private static byte[] errorObject(Throwable t) {
    Map<String, String> error = new LinkedHashMap<>();
    error.put("errorType", t.getClass().getName());
    error.put("errorMessage", t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
    return com.incident.common.json.Json.write(error).getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
