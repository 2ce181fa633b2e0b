package com.incident.trigger;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.incident.common.config.Env;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Lambda entry point; placeholder until issue #3 lands. */
public class AlarmTriggerHandler implements RequestStreamHandler {

  public AlarmTriggerHandler() {
    this(Env.system());
  }

  public AlarmTriggerHandler(Env env) {}

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    input.readAllBytes();
    output.write("{\"error\":\"not implemented yet (issue #3)\"}".getBytes(StandardCharsets.UTF_8));
  }
}
