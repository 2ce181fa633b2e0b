package com.incident.local.bench;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.incident.common.lambda.LocalContext;
import com.incident.common.lambda.Priming;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs in a fresh JVM whose classpath is one function's Lambda jar (plus this class): builds the handler as the
 * Lambda runtime does (init: the no-arg constructor, reading the function's variables from the process environment)
 * and invokes it once, then prints one line of figures measured from JVM start. Kept free of libraries beyond what
 * every function jar holds (the Lambda interfaces and common).
 *
 * <p>Arguments: handler class, event file, and optionally {@code primed}: then the function's SnapStart priming
 * ({@link Priming#primeNow()}, what its {@code beforeCheckpoint} hooks run) runs after init and before the timed
 * request, which is what a restored snapshot answers with. The caller sets the function's environment on the process.
 */
public final class ColdStartProbe {
  private ColdStartProbe() {}

  public static void main(String[] args) throws Exception {
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    long mainAt = System.currentTimeMillis();
    PrintStream stdout = System.out;
    System.setOut(System.err);
    byte[] event = Files.readAllBytes(Path.of(args[1]));
    long initStart = System.nanoTime();
    Class<?> type = Class.forName(args[0]);
    RequestStreamHandler handler;
    try {
      handler = (RequestStreamHandler) type.getConstructor().newInstance();
    } catch (java.lang.reflect.InvocationTargetException e) {
      stdout.println("jvmToMainMs=" + (mainAt - jvmStart) + " initMs=" + (System.nanoTime() - initStart) / 1_000_000
          + " invokeMs=0 totalMs=" + (System.currentTimeMillis() - jvmStart) + " primeMs=0 outcome=init_failed:_" + brief(e.getCause()).replace(' ', '_'));
      System.exit(0);
      return;
    }
    long initNs = System.nanoTime() - initStart;
    long primeStart = System.nanoTime();
    if (args.length > 2 && args[2].equals("primed")) {
      Priming.primeNow();
    }
    long primeNs = System.nanoTime() - primeStart;
    long invokeStart = System.nanoTime();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String outcome;
    try {
      handler.handleRequest(new ByteArrayInputStream(event), out, new LocalContext(args[0], 60, 1024, System.err));
      String response = out.toString(StandardCharsets.UTF_8);
      int at = response.indexOf("\"statusCode\":");
      outcome = at >= 0 ? "HTTP " + response.substring(at + 13, Math.min(response.length(), at + 16))
          : response.contains("\"isError\":true") ? "tool error" : "ok";
    } catch (Exception e) {
      outcome = "threw " + brief(e);
    }
    long invokeNs = System.nanoTime() - invokeStart;
    long end = System.currentTimeMillis();
    stdout.println("jvmToMainMs=" + (mainAt - jvmStart) + " initMs=" + initNs / 1_000_000 + " invokeMs="
        + invokeNs / 1_000_000 + " totalMs=" + (end - jvmStart) + " primeMs=" + primeNs / 1_000_000
        + " outcome=" + outcome.replace(' ', '_'));
    stdout.flush();
    System.exit(0);
  }

  private static String brief(Throwable t) {
    String m = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    return m.lines().findFirst().orElse(m).substring(0, Math.min(120, m.lines().findFirst().orElse(m).length()));
  }
}
