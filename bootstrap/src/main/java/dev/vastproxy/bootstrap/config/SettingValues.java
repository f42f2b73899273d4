package dev.vastproxy.bootstrap.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The settings' texts as resolved from {@code .env}, the environment and the command line, with
 * readers that turn a text into a value or into one line naming the setting and the fix. Each group
 * of settings reads its own from here.
 */
final class SettingValues {
  /** Undertow takes client timeouts as int milliseconds; a day is far beyond any use. */
  static final Duration MAX_CLIENT_TIMEOUT = Duration.ofHours(24);

  private final Map<Setting, String> texts;
  private final Map<String, String> environment;
  private final Path workingDirectory;
  private final Path home;

  /**
   * @param texts every setting's text (its default when nothing set it)
   * @param environment the process environment, for settings with a fallback there
   * @param workingDirectory where relative paths start
   * @param home the user's home, for {@code ~}
   */
  SettingValues(
      Map<Setting, String> texts,
      Map<String, String> environment,
      Path workingDirectory,
      Path home) {
    this.texts = new EnumMap<>(texts);
    this.environment = Map.copyOf(environment);
    this.workingDirectory = workingDirectory;
    this.home = home;
  }

  /** The setting's text. */
  String text(Setting setting) {
    return texts.get(setting);
  }

  /** Whether the setting's text differs from its default. */
  boolean changed(Setting setting) {
    return !text(setting).equals(setting.defaultValue());
  }

  /** The process environment. */
  Map<String, String> environment() {
    return environment;
  }

  /** The user's home. */
  Path home() {
    return home;
  }

  /** A path as written: {@code ~} is the home, a relative path starts in the working directory. */
  Path path(String text) {
    if (text.equals("~")) {
      return home;
    }
    if (text.startsWith("~/")) {
      return home.resolve(text.substring(2));
    }
    return workingDirectory.resolve(text);
  }

  /** A duration of at least {@code minimum}. */
  Duration interval(Setting setting, Duration minimum) throws ConfigException {
    String text = text(setting);
    Duration duration;
    try {
      duration = DurationSetting.parse(text);
    } catch (RuntimeException e) {
      throw new ConfigException(
          setting.envVar() + "=" + text + " is not a duration: use e.g. 10s, 500ms or 2m");
    }
    if (duration.compareTo(minimum) < 0) {
      throw new ConfigException(
          setting.envVar()
              + "="
              + text
              + " is too short: use at least "
              + (minimum.toMillis() >= 1000
                  ? minimum.toSeconds() + "s"
                  : minimum.toMillis() + "ms"));
    }
    return duration;
  }

  /** A limit on a client connection: at least 100 ms, at most a day. */
  Duration clientTimeout(Setting setting) throws ConfigException {
    Duration duration = interval(setting, Duration.ofMillis(100));
    if (duration.compareTo(MAX_CLIENT_TIMEOUT) > 0) {
      throw new ConfigException(
          setting.envVar() + "=" + text(setting) + " is too long: use at most 24h");
    }
    return duration;
  }

  /** A stop-time or waiting duration: zero or more, at most {@code maximum}. */
  Duration bounded(Setting setting, Duration maximum) throws ConfigException {
    Duration duration = interval(setting, Duration.ZERO);
    if (duration.compareTo(maximum) > 0) {
      throw new ConfigException(
          setting.envVar()
              + "="
              + text(setting)
              + " is too long: use at most "
              + maximum.toMinutes()
              + "m");
    }
    return duration;
  }

  /** A whole number from 0 to 10. */
  int count(Setting setting) throws ConfigException {
    return NumberSettings.count(setting, text(setting));
  }

  /** A whole number from 0 to {@code max}. */
  int upTo(Setting setting, int max) throws ConfigException {
    return NumberSettings.upTo(setting, text(setting), max);
  }
}
