package com.incident.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.incident.common.config.Env;
import com.incident.common.lambda.LocalContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs one function's handler in this JVM the way the Lambda Java runtime does: construct the handler
 * (init phase), then feed it the event bytes. Anything the handler prints to stdout (EMF metrics, stray
 * prints) is sent to stderr so that stdout carries only the response, as with {@code sam local invoke}.
 */
public final class LocalInvoker {

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

  static RequestStreamHandler instantiate(String className, Env env) throws ReflectiveOperationException {
    Class<?> type = Class.forName(className);
    if (!RequestStreamHandler.class.isAssignableFrom(type)) {
      throw new IllegalStateException(className + " is not a RequestStreamHandler; the local runner only runs stream handlers");
    }
    try {
      Constructor<?> withEnv = type.getConstructor(Env.class);
      return (RequestStreamHandler) withEnv.newInstance(env);
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
