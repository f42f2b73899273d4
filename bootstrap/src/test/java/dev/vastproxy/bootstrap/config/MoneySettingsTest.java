package dev.vastproxy.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.application.port.in.IdleAction;
import dev.vastproxy.domain.instance.Instance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** VASTPROXY_SELECT, VASTPROXY_IDLE_ACTION and VASTPROXY_IDLE_AFTER as the loader reads them. */
class MoneySettingsTest {
  @TempDir Path work;
  @TempDir Path home;
  private final Map<String, String> env = new HashMap<>(Map.of("VAST_API_KEY", "vk-secret"));

  private MoneySettings load(String... args) throws ConfigException {
    LaunchRequest request = new ConfigLoader(env, work, home).load(args);
    return ((LaunchRequest.Run) request).config().money();
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
  void defaultsEnrolEverythingAndNeverAct() throws Exception {
    MoneySettings money = load();

    assertThat(money.selection().selectsAll()).isTrue();
    assertThat(money.idleAction()).isEqualTo(IdleAction.NONE);
    assertThat(money.idleAfter()).isEqualTo(Duration.ofMinutes(30));
    assertThat(MoneySettings.defaults()).isEqualTo(money);
  }

  @Test
  void readsFlagsEnvironmentAndDotenv() throws Exception {
    Files.writeString(work.resolve(".env"), "VASTPROXY_IDLE_AFTER=45m\n");
    env.put("VASTPROXY_IDLE_ACTION", "stop");

    MoneySettings money = load("--select", "label:inference,id:31812887");

    assertThat(money.idleAction()).isEqualTo(IdleAction.STOP);
    assertThat(money.idleAfter()).isEqualTo(Duration.ofMinutes(45));
    assertThat(money.selection()).hasToString("label:inference,id:31812887");
    assertThat(money.selection().matches(Instance.builder(31812887).build())).isTrue();
    assertThat(load("--idle-action", "DESTROY").idleAction()).isEqualTo(IdleAction.DESTROY);
  }

  @Test
  void theDemoShowsTheIdleGuardUnlessTheUserChose() throws Exception {
    env.remove("VAST_API_KEY");
    assertThat(load("--demo").idleAction()).isEqualTo(IdleAction.STOP);
    assertThat(load("--demo").idleAfter()).isEqualTo(MoneySettings.DEMO_IDLE_AFTER);
    assertThat(load("--demo", "--idle-action", "none").idleAction()).isEqualTo(IdleAction.NONE);
    env.put("VASTPROXY_IDLE_AFTER", "10m");
    assertThat(load("--demo").idleAction()).isEqualTo(IdleAction.NONE);
    assertThat(load("--demo").idleAfter()).isEqualTo(Duration.ofMinutes(10));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--select|lable:x|VASTPROXY_SELECT=lable:x is not a selection: \"lable:x\" is not a"
            + " selector",
        "--select|id:x1|is not an instance id",
        "--select|label:proxied|the label this proxy writes on healthy instances",
        "--idle-action|sleep|VASTPROXY_IDLE_ACTION=sleep is not an action: use none, stop or"
            + " destroy",
        "--idle-after|soon|VASTPROXY_IDLE_AFTER=soon is not a duration",
        "--idle-after|500ms|VASTPROXY_IDLE_AFTER=500ms is out of range: use 1s to 30 days",
        "--idle-after|31d|VASTPROXY_IDLE_AFTER=31d is not a duration",
        "--idle-after|800h|is out of range",
      })
  void refusesBadValuesInOneLine(String flag, String value, String message) {
    String error = failure(flag, value);
    assertThat(error).contains(message).doesNotContain("\n");
  }
}
