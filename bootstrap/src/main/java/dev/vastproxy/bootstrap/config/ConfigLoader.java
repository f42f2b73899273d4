package dev.vastproxy.bootstrap.config;

import dev.vastproxy.application.service.WaitingRoomSettings;
import dev.vastproxy.domain.endpoint.Transport;
import dev.vastproxy.domain.instance.Secret;
import dev.vastproxy.domain.routing.Policies;
import io.github.cdimascio.dotenv.Dotenv;
import io.github.cdimascio.dotenv.DotenvEntry;
import io.github.cdimascio.dotenv.DotenvException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Reads the settings from, in rising precedence, a {@code .env} file, the environment and the
 * command line, and validates them into one {@link VastProxyConfig}. Every problem is one line
 * naming the setting and the fix.
 */
public final class ConfigLoader {

  /** vast.ai's label length limit. */
  static final int MAX_LABEL_LENGTH = 1024;

  /** Undertow takes client timeouts as int milliseconds; a day is far beyond any use. */
  static final Duration MAX_CLIENT_TIMEOUT = Duration.ofHours(24);

  private static final String DEMO = "--demo";
  private static final String HEADLESS = "--headless";
  private static final String ALLOW_UNAUTHENTICATED = "--allow-unauthenticated";
  private static final String HELP = "--help";

  private final Map<String, String> environment;
  private final Path workingDirectory;
  private final Path home;

  /**
   * @param environment the process environment
   * @param workingDirectory where {@code .env} is looked for
   * @param home the user's home, for {@code ~} and the default SSH keys
   */
  public ConfigLoader(Map<String, String> environment, Path workingDirectory, Path home) {
    this.environment = Map.copyOf(environment);
    this.workingDirectory = workingDirectory;
    this.home = home;
  }

  /**
   * Reads the command line with the environment and {@code .env}.
   *
   * @throws ConfigException when any setting is missing or wrong
   */
  public LaunchRequest load(String... args) throws ConfigException {
    CommandLine commandLine = new CommandLine(spec());
    ParseResult parsed;
    try {
      parsed = commandLine.parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      throw new ConfigException(e.getMessage() + " (see --help)");
    }
    if (parsed.hasMatchedOption(HELP)) {
      return new LaunchRequest.ShowHelp(commandLine.getUsageMessage(CommandLine.Help.Ansi.OFF));
    }
    Map<Setting, String> values = resolve(parsed, readDotenv());
    return new LaunchRequest.Run(
        validate(
            values,
            parsed.hasMatchedOption(DEMO),
            parsed.hasMatchedOption(HEADLESS),
            parsed.hasMatchedOption(ALLOW_UNAUTHENTICATED)));
  }

  /** The help text's description of the settings. */
  static CommandSpec spec() {
    CommandSpec spec = CommandSpec.create().name("java -jar vastproxy.jar");
    spec.usageMessage()
        .description(
            "One OpenAI-compatible endpoint in front of every SGLang/vLLM instance of a vast.ai"
                + " account.",
            "Settings come from .env, then the environment, then flags (flags win).")
        .sortOptions(false)
        .width(100);
    for (Setting setting : Setting.values()) {
      String defaultText = setting.defaultValue().isEmpty() ? "none" : setting.defaultValue();
      spec.addOption(
          OptionSpec.builder(setting.flag())
              .paramLabel("<" + setting.envVar() + ">")
              .type(String.class)
              .description(
                  setting.description(), "  env " + setting.envVar() + ", default " + defaultText)
              .build());
    }
    spec.addOption(flag(DEMO, "run a simulated fleet on loopback: no vast.ai account needed"));
    spec.addOption(flag(HEADLESS, "no dashboard; logs go to stdout"));
    spec.addOption(
        flag(ALLOW_UNAUTHENTICATED, "allow a non-loopback LISTEN_ADDR without VASTPROXY_API_KEYS"));
    spec.addOption(flag(HELP, "show this help and exit"));
    return spec;
  }

  private static OptionSpec flag(String name, String description) {
    return OptionSpec.builder(name).arity("0").type(boolean.class).description(description).build();
  }

  private Map<String, String> readDotenv() throws ConfigException {
    if (!Files.isRegularFile(workingDirectory.resolve(".env"))) {
      return Map.of();
    }
    try {
      Dotenv dotenv =
          Dotenv.configure().directory(workingDirectory.toString()).filename(".env").load();
      Map<String, String> entries = new HashMap<>();
      for (DotenvEntry entry : dotenv.entries(Dotenv.Filter.DECLARED_IN_ENV_FILE)) {
        entries.put(entry.getKey(), entry.getValue());
      }
      return entries;
    } catch (DotenvException e) {
      throw new ConfigException(".env cannot be read: " + e.getMessage() + " (fix or remove it)");
    }
  }

  private Map<Setting, String> resolve(ParseResult parsed, Map<String, String> dotenv) {
    Map<Setting, String> values = new EnumMap<>(Setting.class);
    for (Setting setting : Setting.values()) {
      String value = parsed.matchedOptionValue(setting.flag(), (String) null);
      if (value == null) {
        value = environment.get(setting.envVar());
      }
      if (value == null) {
        value = dotenv.get(setting.envVar());
      }
      values.put(setting, value == null ? setting.defaultValue() : value.strip());
    }
    return values;
  }

  private VastProxyConfig validate(
      Map<Setting, String> values, boolean demo, boolean headless, boolean allowUnauthenticated)
      throws ConfigException {
    String apiKey = values.get(Setting.VAST_API_KEY);
    if (apiKey.isEmpty() && !demo) {
      throw new ConfigException(
          "VAST_API_KEY is not set: export VAST_API_KEY=<your vast.ai API key> (or pass"
              + " --vast-api-key), or try --demo to run a simulated fleet");
    }
    ListenAddress listen = listenAddress(values.get(Setting.LISTEN_ADDR));
    List<Secret> clientKeys = clientKeys(values.get(Setting.API_KEYS));
    if (!listen.loopback() && clientKeys.isEmpty() && !allowUnauthenticated) {
      throw new ConfigException(
          "LISTEN_ADDR "
              + values.get(Setting.LISTEN_ADDR)
              + " accepts connections from other machines but VASTPROXY_API_KEYS is empty: set"
              + " client keys in VASTPROXY_API_KEYS, listen on 127.0.0.1, or pass"
              + " --allow-unauthenticated to hand out GPU time to anyone who can connect");
    }
    return new VastProxyConfig(
        apiKey.isEmpty() ? Optional.empty() : Optional.of(Secret.of(apiKey)),
        apiUrl(values.get(Setting.VAST_API_URL)),
        sshKeys(
            values.get(Setting.SSH_KEY_PATH),
            !values.get(Setting.SSH_KEY_PATH).equals(Setting.SSH_KEY_PATH.defaultValue())),
        knownHosts(),
        listen,
        clientKeys,
        label(values.get(Setting.LABEL)),
        interval(Setting.POLL_INTERVAL, values.get(Setting.POLL_INTERVAL), Duration.ofSeconds(1)),
        interval(
            Setting.HEALTH_INTERVAL, values.get(Setting.HEALTH_INTERVAL), Duration.ofMillis(100)),
        transport(values.get(Setting.TRANSPORT)),
        policy(values.get(Setting.POLICY)),
        NumberSettings.stickyLimit(values.get(Setting.STICKY_LIMIT)),
        interval(Setting.LOAD_INTERVAL, values.get(Setting.LOAD_INTERVAL), Duration.ofMillis(100)),
        clientTimeout(Setting.HEADER_TIMEOUT, values.get(Setting.HEADER_TIMEOUT)),
        clientTimeout(Setting.KEEPALIVE_IDLE, values.get(Setting.KEEPALIVE_IDLE)),
        NumberSettings.bodyMemory(values.get(Setting.BODY_MEMORY)),
        NumberSettings.count(Setting.RETRIES, values.get(Setting.RETRIES)),
        NumberSettings.count(Setting.RESUMES, values.get(Setting.RESUMES)),
        new ReplicaSettings(
            ReplicaName.resolve(values.get(Setting.REPLICA), environment),
            bounded(Setting.DRAIN_DELAY, values.get(Setting.DRAIN_DELAY), Duration.ofMinutes(10)),
            bounded(
                Setting.SHUTDOWN_GRACE, values.get(Setting.SHUTDOWN_GRACE), Duration.ofHours(1))),
        OtlpEndpoint.resolve(values.get(Setting.OTLP_ENDPOINT), environment),
        new WaitingRoomSettings(
            bounded(Setting.WAIT_LIMIT, values.get(Setting.WAIT_LIMIT), Duration.ofMinutes(10)),
            NumberSettings.upTo(Setting.WAIT_MAX, values.get(Setting.WAIT_MAX), 1_000_000),
            NumberSettings.upTo(Setting.QUEUE_LIMIT, values.get(Setting.QUEUE_LIMIT), 1_000_000)),
        demo,
        headless,
        allowUnauthenticated);
  }

  private static ListenAddress listenAddress(String text) throws ConfigException {
    try {
      return ListenAddress.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          "LISTEN_ADDR="
              + text
              + " is not an address: "
              + e.getMessage()
              + " (use host:port such as 127.0.0.1:8080, or :8080 for all interfaces)");
    }
  }

  private static List<Secret> clientKeys(String text) throws ConfigException {
    List<Secret> keys = new ArrayList<>();
    for (String key : text.split(",")) {
      String trimmed = key.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      if (trimmed.chars().anyMatch(Character::isWhitespace)) {
        throw new ConfigException(
            "VASTPROXY_API_KEYS holds a key with a space in it: separate keys with commas only");
      }
      keys.add(Secret.of(trimmed));
    }
    return keys;
  }

  private static URI apiUrl(String text) throws ConfigException {
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw new URISyntaxException(text, "not an http(s) URL");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ConfigException(
          "VAST_API_URL="
              + text
              + " is not an http(s) URL (the default is https://console.vast.ai)");
    }
  }

  private List<Path> sshKeys(String text, boolean explicit) throws ConfigException {
    Path chosen = expandHome(text);
    if (explicit && !Files.isReadable(chosen)) {
      throw new ConfigException(
          "SSH_KEY_PATH="
              + text
              + " cannot be read: point it at your private key (e.g. ~/.ssh/id_ed25519) or unset it");
    }
    Set<Path> keys = new LinkedHashSet<>();
    keys.add(chosen);
    for (String name : List.of("id_ed25519", "id_rsa", "id_ecdsa")) {
      keys.add(home.resolve(".ssh").resolve(name));
    }
    return keys.stream().filter(Files::isReadable).toList();
  }

  /** Where SSH host keys are remembered: under XDG_CONFIG_HOME, else ~/.config. */
  private Path knownHosts() {
    String xdg = environment.get("XDG_CONFIG_HOME");
    Path configHome =
        xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
            ? Path.of(xdg)
            : home.resolve(".config");
    return configHome.resolve("vastproxy").resolve("known_hosts");
  }

  private Path expandHome(String text) {
    if (text.equals("~")) {
      return home;
    }
    if (text.startsWith("~/")) {
      return home.resolve(text.substring(2));
    }
    return workingDirectory.resolve(text);
  }

  private static Optional<String> label(String text) throws ConfigException {
    if (text.isEmpty() || text.equalsIgnoreCase("none")) {
      return Optional.empty();
    }
    if (text.length() > MAX_LABEL_LENGTH) {
      throw new ConfigException(
          "VASTPROXY_LABEL is "
              + text.length()
              + " characters long: vast.ai accepts at most 1024 (or use none to disable labels)");
    }
    return Optional.of(text);
  }

  private static Duration interval(Setting setting, String text, Duration minimum)
      throws ConfigException {
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
  private static Duration clientTimeout(Setting setting, String text) throws ConfigException {
    Duration duration = interval(setting, text, Duration.ofMillis(100));
    if (duration.compareTo(MAX_CLIENT_TIMEOUT) > 0) {
      throw new ConfigException(setting.envVar() + "=" + text + " is too long: use at most 24h");
    }
    return duration;
  }

  /** A stop-time duration: zero or more, at most {@code maximum}. */
  private static Duration bounded(Setting setting, String text, Duration maximum)
      throws ConfigException {
    Duration duration = interval(setting, text, Duration.ZERO);
    if (duration.compareTo(maximum) > 0) {
      throw new ConfigException(
          setting.envVar() + "=" + text + " is too long: use at most " + maximum.toMinutes() + "m");
    }
    return duration;
  }

  private static Transport transport(String text) throws ConfigException {
    for (Transport transport : Transport.values()) {
      if (transport.text().equals(text)) {
        return transport;
      }
    }
    throw new ConfigException(
        "VASTPROXY_TRANSPORT=" + text + " is not a transport: use direct or ssh-tunnel");
  }

  private static String policy(String text) throws ConfigException {
    if (Policies.named(text).isEmpty()) {
      throw new ConfigException(
          "VASTPROXY_POLICY="
              + text
              + " is not a policy: use "
              + String.join(", ", Policies.names()));
    }
    return text;
  }
}
