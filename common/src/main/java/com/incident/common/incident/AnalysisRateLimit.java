package com.incident.common.incident;

import com.incident.common.config.Env;
import java.time.Instant;
import java.util.Optional;

/**
 * The hourly budget of analysis sessions, per alarm and across all alarms. alarm-trigger takes a slot before it
 * opens an incident; agent-runtime takes one for every session it accepts, so a caller holding a token cannot
 * start more analyses than the trigger would. A session is counted once per hour however often it asks, so
 * the trigger's request does not cost a second slot when it reaches the agent.
 */
public interface AnalysisRateLimit {
  String PER_ALARM_ENV = "RATE_LIMIT_PER_ALARM_PER_HOUR";
  String GLOBAL_ENV = "RATE_LIMIT_GLOBAL_PER_HOUR";

  /** Sessions allowed per alarm and in total in one UTC clock hour. */
  record Limits(int perAlarmPerHour, int globalPerHour) {
    public static final int DEFAULT_PER_ALARM = 3;
    public static final int DEFAULT_GLOBAL = 10;

    public Limits {
      positive(PER_ALARM_ENV, perAlarmPerHour);
      positive(GLOBAL_ENV, globalPerHour);
    }

    /**
     * Both functions read the same variables with the same defaults. The names are spelled out because
     * TemplateCheckTest finds the variables code reads by their literal.
     */
    public static Limits from(Env env) {
      return new Limits(env.intValue("RATE_LIMIT_PER_ALARM_PER_HOUR", DEFAULT_PER_ALARM),
          env.intValue("RATE_LIMIT_GLOBAL_PER_HOUR", DEFAULT_GLOBAL));
    }

    private static void positive(String name, int value) {
      if (value <= 0) {
        throw new IllegalStateException("Environment variable " + name + " must be > 0, got " + value);
      }
    }
  }

  /**
   * Takes one slot of the alarm's and of the global budget of {@code now}'s hour for {@code sessionId}; a
   * session that already holds its slots takes none. Empty if allowed, otherwise why not (naming the variable).
   */
  Optional<String> acquire(String alarmName, String sessionId, Instant now);
}
