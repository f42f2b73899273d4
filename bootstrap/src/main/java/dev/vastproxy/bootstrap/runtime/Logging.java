package dev.vastproxy.bootstrap.runtime;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Sends every log (ours through {@link System.Logger}, the libraries' through SLF4J, JBoss logging
 * and java.util.logging) to one place: stdout without the dashboard, a file with it (the screen
 * belongs to the dashboard).
 */
public final class Logging {
  private static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n";

  private Logging() {}

  /** Logs to standard output. */
  public static void toStdout() {
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setTarget("System.out");
    install(console);
  }

  /** Logs to a file (vastproxy.log beside the dashboard). */
  public static void toFile(Path file) {
    FileAppender<ILoggingEvent> appender = new FileAppender<>();
    appender.setFile(file.toString());
    appender.setAppend(true);
    install(appender);
  }

  private static void install(OutputStreamAppender<ILoggingEvent> appender) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    appender.setContext(context);
    appender.setEncoder(encoder);
    appender.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(appender);
    for (String noisy :
        new String[] {
          "io.undertow",
          "org.xnio",
          "org.jboss",
          "net.schmizz",
          "com.hierynomus",
          "io.github.resilience4j",
          "org.apache.sshd"
        }) {
      context.getLogger(noisy).setLevel(Level.WARN);
    }
    // Undertow's client logs an engine's garbage answer with a stack trace; the proxy logs every
    // backend failure itself, in one line with the reason.
    context.getLogger("io.undertow.client").setLevel(Level.OFF);
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    System.setProperty("org.jboss.logging.provider", "slf4j");
  }
}
