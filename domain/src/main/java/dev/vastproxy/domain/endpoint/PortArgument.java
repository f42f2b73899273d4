package dev.vastproxy.domain.endpoint;

import dev.vastproxy.domain.instance.PortNumber;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds a {@code --port N} or {@code --port=N} argument in a command line. */
public final class PortArgument {
  private static final Pattern PORT = Pattern.compile("(?:^|\\s)--port(?:=|\\s+)([^\\s\"';&|]+)");

  private PortArgument() {}

  /**
   * The port the last {@code --port} argument names, as a launcher would take it. Empty when there
   * is none, or when its value is not a port from 1 to 65535.
   */
  public static OptionalInt find(String commandLine) {
    if (commandLine == null || commandLine.isEmpty()) {
      return OptionalInt.empty();
    }
    Matcher matcher = PORT.matcher(commandLine);
    String last = null;
    while (matcher.find()) {
      last = matcher.group(1);
    }
    return PortNumber.parse(last);
  }
}
