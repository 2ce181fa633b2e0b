package com.incident.common.obs;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.function.Supplier;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * Structured JSON logging (Powertools functional API, log4j2 JSON template): Lambda context fields on every
 * line, plus {@code session_id} so one incident can be followed across all functions.
 */
public final class LambdaLogging {
  public static final String SESSION_KEY = "session_id";

  private LambdaLogging() {}

  public static <T> T withSession(Context context, String sessionId, Supplier<T> body) {
    if (sessionId != null) {
      MDC.put(SESSION_KEY, sessionId);
    }
    try {
      return context == null ? body.get() : PowertoolsLogging.withLogging(context, body);
    } finally {
      MDC.remove(SESSION_KEY);
    }
  }

  /** Tags the current thread's log lines with a session id until the returned scope is closed. */
  public static AutoCloseable session(String sessionId) {
    String previous = MDC.get(SESSION_KEY);
    if (sessionId != null) {
      MDC.put(SESSION_KEY, sessionId);
    }
    return () -> {
      if (previous == null) {
        MDC.remove(SESSION_KEY);
      } else {
        MDC.put(SESSION_KEY, previous);
      }
    };
  }
}
