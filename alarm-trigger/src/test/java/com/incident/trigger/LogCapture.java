package com.incident.trigger;

import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/** Captures the formatted messages of one logger while open. */
public final class LogCapture implements AutoCloseable {
  private final StringWriter out = new StringWriter();
  private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
  private final String loggerName;
  private final WriterAppender appender;

  public LogCapture(String loggerName) {
    this.loggerName = loggerName;
    this.appender = WriterAppender.newBuilder().setName("capture-" + loggerName).setTarget(out)
        .setLayout(PatternLayout.newBuilder().withPattern("%m%n").build()).build();
    appender.start();
    LoggerConfig config = LoggerConfig.newBuilder().withLoggerName(loggerName).withLevel(Level.INFO)
        .withAdditivity(true).withConfig(context.getConfiguration()).build();
    config.addAppender(appender, Level.INFO, null);
    context.getConfiguration().addLogger(loggerName, config);
    context.updateLoggers();
  }

  public List<String> lines() {
    return Arrays.stream(out.toString().split("\n")).filter(s -> !s.isBlank()).toList();
  }

  @Override
  public void close() {
    context.getConfiguration().removeLogger(loggerName);
    context.updateLoggers();
    appender.stop();
  }
}
