package com.incident.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.incident.common.config.Env;
import java.io.InputStream;
import java.io.OutputStream;

/** A handler for the runner's own tests: echoes its environment, or throws when asked to. */
public class ThrowingHandler implements RequestStreamHandler {
  private final Env env;

  public ThrowingHandler(Env env) {
    this.env = env;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws java.io.IOException {
    String event = new String(input.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    System.out.println("stray print that must not reach stdout");
    if (event.contains("boom")) {
      throw new IllegalStateException("Downstream said no");
    }
    output.write(("{\"greeting\":\"" + env.required("GREETING") + "\",\"stage\":\"" + env.optional("STAGE", "none")
        + "\",\"remainingPositive\":" + (context.getRemainingTimeInMillis() > 0) + "}").getBytes());
  }
}
