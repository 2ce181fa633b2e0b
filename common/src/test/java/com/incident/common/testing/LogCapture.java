package com.incident.common.testing;

import java.io.StringWriter;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/** Everything logged while attached (all loggers, all levels, throwables included): what CloudWatch Logs would hold. */
public final class LogCapture implements AutoCloseable {
  private final StringWriter text = new StringWriter();
  private final WriterAppender appender;
  private final LoggerContext context = (LoggerContext) LogManager.getContext(false);

  public LogCapture() {
    appender = WriterAppender.newBuilder().setName("capture-" + System.identityHashCode(this)).setTarget(text)
        .setLayout(PatternLayout.newBuilder().withPattern("%level %logger %msg %throwable%n").build()).build();
    appender.start();
    Configuration config = context.getConfiguration();
    for (LoggerConfig logger : config.getLoggers().values()) {
      logger.addAppender(appender, Level.ALL, null);
    }
    config.getRootLogger().addAppender(appender, Level.ALL, null);
    context.updateLoggers();
  }

  public String text() {
    synchronized (text) {
      return text.toString();
    }
  }

  @Override
  public void close() {
    Configuration config = context.getConfiguration();
    for (LoggerConfig logger : config.getLoggers().values()) {
      logger.removeAppender(appender.getName());
    }
    config.getRootLogger().removeAppender(appender.getName());
    context.updateLoggers();
    appender.stop();
  }
}
