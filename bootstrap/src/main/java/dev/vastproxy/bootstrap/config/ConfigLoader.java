package dev.vastproxy.bootstrap.config;

import dev.vastproxy.application.service.WaitingRoomSettings;
import io.github.cdimascio.dotenv.Dotenv;
import io.github.cdimascio.dotenv.DotenvEntry;
import io.github.cdimascio.dotenv.DotenvException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
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
    Map<String, String> dotenv = readDotenv();
    SettingValues values =
        new SettingValues(resolve(parsed, dotenv), environment, workingDirectory, home);
    boolean demo = parsed.hasMatchedOption(DEMO);
    // The demo shows the idle guard at work unless the user chose idle settings themselves.
    boolean demoIdle =
        demo
            && !explicit(Setting.IDLE_ACTION, parsed, dotenv)
            && !explicit(Setting.IDLE_AFTER, parsed, dotenv);
    return new LaunchRequest.Run(
        validate(
            values,
            demo,
            parsed.hasMatchedOption(HEADLESS),
            parsed.hasMatchedOption(ALLOW_UNAUTHENTICATED),
            demoIdle));
  }

  private boolean explicit(Setting setting, ParseResult parsed, Map<String, String> dotenv) {
    return parsed.hasMatchedOption(setting.flag())
        || environment.containsKey(setting.envVar())
        || dotenv.containsKey(setting.envVar());
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
      SettingValues values,
      boolean demo,
      boolean headless,
      boolean allowUnauthenticated,
      boolean demoIdle)
      throws ConfigException {
    AccountSettings account = AccountSettings.read(values, demo);
    FrontDoorSettings front = FrontDoorSettings.read(values, allowUnauthenticated);
    FleetSettings fleet = FleetSettings.read(values);
    return new VastProxyConfig(
        account,
        front,
        fleet,
        RoutingSettings.read(values),
        new ReplicaSettings(
            ReplicaName.resolve(values.text(Setting.REPLICA), environment),
            values.bounded(Setting.DRAIN_DELAY, Duration.ofMinutes(10)),
            values.bounded(Setting.SHUTDOWN_GRACE, Duration.ofHours(1))),
        OtlpEndpoint.resolve(values.text(Setting.OTLP_ENDPOINT), environment),
        new WaitingRoomSettings(
            values.bounded(Setting.WAIT_LIMIT, Duration.ofMinutes(10)),
            values.upTo(Setting.WAIT_MAX, 1_000_000),
            values.upTo(Setting.QUEUE_LIMIT, 1_000_000)),
        MoneySettings.parse(
            values.text(Setting.SELECT),
            values.text(Setting.IDLE_ACTION),
            values.text(Setting.IDLE_AFTER),
            fleet.label(),
            demoIdle),
        new RunMode(demo, headless));
  }
}
