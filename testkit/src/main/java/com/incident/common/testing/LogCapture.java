package com.incident.common.testing;

import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Captures log lines while open. {@code new LogCapture()} takes everything (all loggers, all levels, throwables
 * included: what CloudWatch Logs would hold) as {@code LEVEL logger message throwable}; {@code new
 * LogCapture(SomeClass.class)} takes one logger from INFO up as {@code LEVEL message}.
 */
public final class LogCapture implements AutoCloseable {
  private final StringWriter out = new StringWriter();
  private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
  private final String loggerName;
  private final WriterAppender appender;

  public LogCapture() {
    this.loggerName = null;
    this.appender = appender("capture-all-" + System.identityHashCode(this), "%level %logger %msg %throwable%n");
    Configuration config = context.getConfiguration();
    for (LoggerConfig logger : config.getLoggers().values()) {
      logger.addAppender(appender, Level.ALL, null);
    }
    config.getRootLogger().addAppender(appender, Level.ALL, null);
    context.updateLoggers();
  }

  public LogCapture(Class<?> logger) {
    this.loggerName = logger.getName();
    this.appender = appender("capture-" + loggerName, "%p %m%n");
    LoggerConfig config = LoggerConfig.newBuilder().withLoggerName(loggerName).withLevel(Level.INFO)
        .withAdditivity(true).withConfig(context.getConfiguration()).build();
    config.addAppender(appender, Level.INFO, null);
    context.getConfiguration().addLogger(loggerName, config);
    context.updateLoggers();
  }

  private WriterAppender appender(String name, String pattern) {
    WriterAppender a = WriterAppender.newBuilder().setName(name).setTarget(out)
        .setLayout(PatternLayout.newBuilder().withPattern(pattern).build()).build();
    a.start();
    return a;
  }

  public String text() {
    synchronized (out) {
      return out.toString();
    }
  }

  public List<String> lines() {
    return Arrays.stream(text().split("\n")).filter(s -> !s.isBlank()).toList();
  }

  @Override
  public void close() {
    Configuration config = context.getConfiguration();
    if (loggerName != null) {
      config.removeLogger(loggerName);
    } else {
      for (LoggerConfig logger : config.getLoggers().values()) {
        logger.removeAppender(appender.getName());
      }
      config.getRootLogger().removeAppender(appender.getName());
    }
    context.updateLoggers();
    appender.stop();
  }
}
