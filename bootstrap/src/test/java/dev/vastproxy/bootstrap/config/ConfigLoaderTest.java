package dev.vastproxy.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vastproxy.application.service.WaitingRoomSettings;
import dev.vastproxy.domain.endpoint.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {
  @TempDir Path work;
  @TempDir Path home;
  private final Map<String, String> env = new HashMap<>(Map.of("VAST_API_KEY", "vk-secret"));

  private VastProxyConfig load(String... args) throws ConfigException {
    LaunchRequest request = new ConfigLoader(env, work, home).load(args);
    return ((LaunchRequest.Run) request).config();
  }

  private String failure(String... args) {
    try {
      load(args);
    } catch (ConfigException e) {
      return e.getMessage();
    }
    throw new AssertionError("expected a configuration error");
  }

  @Test
  void defaultsFollowTheBehaviourPage() throws Exception {
    VastProxyConfig config = load();

    assertThat(config.account().apiKey().orElseThrow().reveal()).isEqualTo("vk-secret");
    assertThat(config.account().apiUrl()).hasToString("https://console.vast.ai");
    assertThat(config.front().listen()).isEqualTo(new ListenAddress("127.0.0.1", 8080, true));
    assertThat(config.front().clientApiKeys()).isEmpty();
    assertThat(config.fleet().label()).contains("proxied");
    assertThat(config.fleet().pollInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.fleet().healthInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.fleet().transport()).isEqualTo(Transport.DIRECT);
    assertThat(config.routing().policy().text()).isEqualTo("least-load");
    assertThat(config.fleet().loadInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.routing().stickyLimit()).isEqualTo(32);
    assertThat(config.front().headerTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.front().keepAliveIdle()).isEqualTo(Duration.ofSeconds(120));
    assertThat(config.routing().bodyMemory()).isEqualTo(256L * 1024 * 1024);
    assertThat(config.routing().retries()).isEqualTo(2);
    assertThat(config.waiting()).isEqualTo(WaitingRoomSettings.DEFAULTS);
    assertThat(config.routing().resumes()).isEqualTo(2);
    assertThat(config.account().sshKeys()).isEmpty();
    assertThat(config.account().knownHosts())
        .isEqualTo(home.resolve(".config/vastproxy/known_hosts"));
    assertThat(config.mode().demo()).isFalse();
    assertThat(config.mode().headless()).isFalse();
    assertThat(config.replica().drainDelay()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.replica().shutdownGrace()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.toString()).doesNotContain("vk-secret");
  }

  @Test
  void theReplicaIsNamedBySettingElseByHostName() throws Exception {
    env.put("HOSTNAME", "Proxy-7f9c.zone-a");
    assertThat(load().replica().name()).isEqualTo("proxy-7f9c.zone-a");

    env.put("HOSTNAME", "not a name");
    assertThat(load().replica().name()).matches("[a-z0-9][a-z0-9._:-]*");

    env.put("VASTPROXY_REPLICA", "eu-1");
    assertThat(load("--drain-delay", "0s", "--shutdown-grace", "2s").replica())
        .isEqualTo(new ReplicaSettings("eu-1", Duration.ZERO, Duration.ofSeconds(2)));
  }

  @Test
  void theWaitingRoomIsSetOrClosed() throws Exception {
    assertThat(load("--wait-limit", "2.5s", "--wait-max", "7", "--queue-limit", "0").waiting())
        .isEqualTo(new WaitingRoomSettings(Duration.ofMillis(2500), 7, 0));
    env.put("VASTPROXY_WAIT_LIMIT", "0s");
    assertThat(load().waiting().open()).isFalse();
    assertThatThrownBy(() -> new WaitingRoomSettings(Duration.ofSeconds(-1), 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void replicaSettingsRefuseWhatTheyCannotUse() {
    assertThatThrownBy(() -> new ReplicaSettings("", Duration.ZERO, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ReplicaSettings("a", Duration.ofSeconds(-1), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void flagsBeatTheEnvironmentWhichBeatsDotEnv() throws Exception {
    Files.writeString(
        work.resolve(".env"),
        "# settings\nVASTPROXY_LABEL=from-dotenv\nVASTPROXY_POLICY=power-of-two\n"
            + "VASTPROXY_POLL_INTERVAL=\"30s\"\n");
    env.put("VASTPROXY_LABEL", "from-env");

    VastProxyConfig fromEnv = load();
    VastProxyConfig fromFlag = load("--label", "from-flag", "--policy=least-requests");

    assertThat(fromEnv.fleet().label()).contains("from-env");
    assertThat(fromEnv.routing().policy().text()).isEqualTo("power-of-two");
    assertThat(fromEnv.fleet().pollInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(fromFlag.fleet().label()).contains("from-flag");
    assertThat(fromFlag.routing().policy().text()).isEqualTo("least-requests");
  }

  @Test
  void everySettingHasAFlag() throws Exception {
    Path key = Files.writeString(work.resolve("key"), "-----BEGIN OPENSSH PRIVATE KEY-----");
    env.clear();

    VastProxyConfig config =
        load(
            "--vast-api-key",
            "k",
            "--ssh-key-path",
            key.toString(),
            "--listen-addr",
            ":9090",
            "--api-keys",
            "a, b,,",
            "--label",
            "none",
            "--poll-interval",
            "2m",
            "--health-interval",
            "500ms",
            "--transport",
            "ssh-tunnel",
            "--policy",
            "least-requests",
            "--sticky-limit",
            "4",
            "--load-interval",
            "250ms",
            "--vast-api-url",
            "http://127.0.0.1:9999",
            "--headless");

    assertThat(config.account().apiKey().orElseThrow().reveal()).isEqualTo("k");
    assertThat(config.account().sshKeys()).containsExactly(key);
    assertThat(config.front().listen()).isEqualTo(new ListenAddress("0.0.0.0", 9090, false));
    assertThat(config.front().clientApiKeys()).hasSize(2);
    assertThat(config.fleet().label()).isEmpty();
    assertThat(config.fleet().pollInterval()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.fleet().healthInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.fleet().transport()).isEqualTo(Transport.SSH_TUNNEL);
    assertThat(config.routing().stickyLimit()).isEqualTo(4);
    assertThat(config.fleet().loadInterval()).isEqualTo(Duration.ofMillis(250));
    assertThat(config.account().apiUrl()).hasToString("http://127.0.0.1:9999");
    assertThat(config.mode().headless()).isTrue();
  }

  @Test
  void defaultSshKeysAreUsedWhenPresent() throws Exception {
    Files.createDirectories(home.resolve(".ssh"));
    Path ed25519 = Files.writeString(home.resolve(".ssh/id_ed25519"), "k");
    Path rsa = Files.writeString(home.resolve(".ssh/id_rsa"), "k");

    assertThat(load().account().sshKeys()).containsExactly(rsa, ed25519);
    assertThat(load("--ssh-key-path", "~/.ssh/id_ed25519").account().sshKeys())
        .containsExactly(ed25519, rsa);
  }

  @Test
  void hostKeysFollowXdgConfigHome() throws Exception {
    env.put("XDG_CONFIG_HOME", work.toString());
    assertThat(load().account().knownHosts()).isEqualTo(work.resolve("vastproxy/known_hosts"));
    env.put("XDG_CONFIG_HOME", "relative/path");
    assertThat(load().account().knownHosts())
        .isEqualTo(home.resolve(".config/vastproxy/known_hosts"));
  }

  @Test
  void demoNeedsNoKey() throws Exception {
    env.clear();

    VastProxyConfig config = load("--demo");

    assertThat(config.mode().demo()).isTrue();
    assertThat(config.account().apiKey()).isEmpty();
  }

  @Test
  void helpListsEverySettingWithItsVariableAndDefault() throws Exception {
    String help =
        ((LaunchRequest.ShowHelp) new ConfigLoader(env, work, home).load("--help")).text();

    for (Setting setting : Setting.values()) {
      assertThat(help).contains(setting.flag()).contains("env " + setting.envVar());
      if (!setting.defaultValue().isEmpty()) {
        assertThat(help).contains("default " + setting.defaultValue());
      }
    }
    assertThat(help).contains("--demo", "--headless", "--allow-unauthenticated", "--help");
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "LISTEN_ADDR|localhost|LISTEN_ADDR=localhost is not an address: it has no port",
        "LISTEN_ADDR|127.0.0.1:http|'http' is not a port number",
        "LISTEN_ADDR|127.0.0.1:70000|port 70000 is outside 0-65535",
        "LISTEN_ADDR|::1:8080|write an IPv6 address in brackets",
        "LISTEN_ADDR|no-such-host.invalid:8080|host 'no-such-host.invalid' is unknown",
        "VASTPROXY_POLL_INTERVAL|ten|VASTPROXY_POLL_INTERVAL=ten is not a duration: use e.g. 10s, 500ms or 2m",
        "VASTPROXY_POLL_INTERVAL|100ms|VASTPROXY_POLL_INTERVAL=100ms is too short: use at least 1s",
        "VASTPROXY_HEALTH_INTERVAL|5x|VASTPROXY_HEALTH_INTERVAL=5x is not a duration",
        "VASTPROXY_HEALTH_INTERVAL|10ms|VASTPROXY_HEALTH_INTERVAL=10ms is too short: use at least 100ms",
        "VASTPROXY_HEADER_TIMEOUT|soon|VASTPROXY_HEADER_TIMEOUT=soon is not a duration: use e.g. 10s",
        "VASTPROXY_HEADER_TIMEOUT|0|VASTPROXY_HEADER_TIMEOUT=0 is too short: use at least 100ms",
        "VASTPROXY_HEADER_TIMEOUT|25h|VASTPROXY_HEADER_TIMEOUT=25h is too long: use at most 24h",
        "VASTPROXY_KEEPALIVE_IDLE|-1s|VASTPROXY_KEEPALIVE_IDLE=-1s is not a duration",
        "VASTPROXY_KEEPALIVE_IDLE|10ms|VASTPROXY_KEEPALIVE_IDLE=10ms is too short: use at least 100ms",
        "VASTPROXY_KEEPALIVE_IDLE|100000h|VASTPROXY_KEEPALIVE_IDLE=100000h is too long: use at most 24h",
        "VASTPROXY_BODY_MEMORY|lots|VASTPROXY_BODY_MEMORY=lots is not a size of at least 1MiB",
        "VASTPROXY_BODY_MEMORY|12KiB|VASTPROXY_BODY_MEMORY=12KiB is not a size of at least 1MiB",
        "VASTPROXY_BODY_MEMORY|99999999999GiB|VASTPROXY_BODY_MEMORY=99999999999GiB is not a size",
        "VASTPROXY_RETRIES|-1|VASTPROXY_RETRIES=-1 is not a whole number from 0 to 10",
        "VASTPROXY_WAIT_LIMIT|later|VASTPROXY_WAIT_LIMIT=later is not a duration",
        "VASTPROXY_WAIT_LIMIT|11m|VASTPROXY_WAIT_LIMIT=11m is too long: use at most 10m",
        "VASTPROXY_WAIT_MAX|-1|VASTPROXY_WAIT_MAX=-1 is not a whole number from 0 to 1000000",
        "VASTPROXY_QUEUE_LIMIT|deep|VASTPROXY_QUEUE_LIMIT=deep is not a whole number from 0 to",
        "VASTPROXY_RESUMES|many|VASTPROXY_RESUMES=many is not a whole number from 0 to 10",
        "VASTPROXY_TRANSPORT|ssh|VASTPROXY_TRANSPORT=ssh is not a transport: use direct or ssh-tunnel",
        "VASTPROXY_POLICY|random|VASTPROXY_POLICY=random is not a policy: use least-load, round-robin, least-requests, power-of-two",
        "VASTPROXY_STICKY_LIMIT|0|VASTPROXY_STICKY_LIMIT=0 is not a whole number of requests of at least 1",
        "VASTPROXY_STICKY_LIMIT|lots|VASTPROXY_STICKY_LIMIT=lots is not a whole number",
        "VAST_API_URL|console.vast.ai|VAST_API_URL=console.vast.ai is not an http(s) URL",
        "VAST_API_URL|ftp://x|VAST_API_URL=ftp://x is not an http(s) URL",
        "VAST_API_URL|http://bad url|VAST_API_URL=http://bad url is not an http(s) URL",
        "SSH_KEY_PATH|/nonexistent/key|SSH_KEY_PATH=/nonexistent/key cannot be read",
        "VASTPROXY_API_KEYS|a b|VASTPROXY_API_KEYS holds a key with a space in it",
        "VASTPROXY_REPLICA|a b|VASTPROXY_REPLICA=a b is not a replica name",
        "VASTPROXY_REPLICA|-a|VASTPROXY_REPLICA=-a is not a replica name",
        "VASTPROXY_DRAIN_DELAY|soon|VASTPROXY_DRAIN_DELAY=soon is not a duration",
        "VASTPROXY_DRAIN_DELAY|11m|VASTPROXY_DRAIN_DELAY=11m is too long: use at most 10m",
        "VASTPROXY_SHUTDOWN_GRACE|2h|VASTPROXY_SHUTDOWN_GRACE=2h is too long: use at most 60m"
      })
  void everyBadSettingIsOneLineNamingItAndTheFix(String variable, String value, String message) {
    env.put(variable, value);

    String failure = failure();

    assertThat(failure).contains(message).doesNotContain("\n").doesNotContain("vk-secret");
  }

  @ParameterizedTest
  @CsvSource({"256MiB, 268435456", "1 GiB, 1073741824", "2048kib, 2097152", "5000000, 5000000"})
  void bodyMemoryReadsAsPeopleWriteIt(String text, long bytes) throws Exception {
    assertThat(load("--body-memory", text).routing().bodyMemory()).isEqualTo(bytes);
  }

  @Test
  void resumeCanBeTurnedOff() throws Exception {
    env.put("VASTPROXY_RESUMES", "0");

    VastProxyConfig config = load("--retries", "5");

    assertThat(config.routing().resumes()).isZero();
    assertThat(config.routing().retries()).isEqualTo(5);
  }

  @Test
  void clientTimeoutsComeFromFlagsOrTheEnvironment() throws Exception {
    env.put("VASTPROXY_KEEPALIVE_IDLE", "2m");

    VastProxyConfig config = load("--header-timeout", "500ms");

    assertThat(config.front().headerTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.front().keepAliveIdle()).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void aMissingKeyPointsAtTheDemo() {
    env.clear();

    assertThat(failure())
        .isEqualTo(
            "VAST_API_KEY is not set: export VAST_API_KEY=<your vast.ai API key> (or pass"
                + " --vast-api-key), or try --demo to run a simulated fleet");
  }

  @Test
  void anOpenListenerNeedsClientKeysOrAnExplicitOptOut() throws Exception {
    env.put("LISTEN_ADDR", ":8080");

    assertThat(failure())
        .startsWith("LISTEN_ADDR :8080 accepts connections from other machines")
        .contains("VASTPROXY_API_KEYS", "--allow-unauthenticated");
    assertThat(load("--allow-unauthenticated").front().listen().loopback()).isFalse();
    env.put("VASTPROXY_API_KEYS", "client-key");
    assertThat(load().front().clientApiKeys()).hasSize(1);
  }

  @Test
  void tooLongALabelIsRefused() {
    env.put("VASTPROXY_LABEL", "x".repeat(1025));

    assertThat(failure()).contains("at most 1024");
  }

  @Test
  void unknownFlagsAndBadDotEnvAreOneLine() throws Exception {
    assertThat(failure("--nope")).isEqualTo("Unknown option: '--nope' (see --help)");
    Files.writeString(work.resolve(".env"), "VASTPROXY_LABEL=x\nJUST_A_WORD\n");
    assertThat(failure()).startsWith(".env cannot be read").doesNotContain("\n");
  }

  @Test
  void listenAddressesPrintBack() {
    assertThat(ListenAddress.parse("[::1]:8080")).hasToString("[::1]:8080");
    assertThat(ListenAddress.parse("[::1]:8080").loopback()).isTrue();
    assertThat(ListenAddress.parse("*:80")).hasToString("0.0.0.0:80");
    assertThatThrownBy(() -> new ListenAddress("h", -1, true))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "{0} -> {1} ms")
  @CsvSource({
    "10s, 10000",
    "500ms, 500",
    "2m, 120000",
    "1h, 3600000",
    "1.5s, 1500",
    "7, 7000",
    "PT3S, 3000"
  })
  void durationsReadAsPeopleWriteThem(String text, long millis) {
    assertThat(DurationSetting.parse(text)).isEqualTo(Duration.ofMillis(millis));
  }
}
