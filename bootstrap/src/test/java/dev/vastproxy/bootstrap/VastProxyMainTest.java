package dev.vastproxy.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VastProxyMainTest {
  @TempDir Path work;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Map<String, String> env, String... args) {
    return VastProxyMain.run(
        args,
        env,
        work,
        work,
        false,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void badConfigurationIsOneLineAndStatusTwo() {
    int status = run(Map.of());

    assertThat(status).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("vastproxy: VAST_API_KEY is not set")
        .hasLineCount(1);
  }

  @Test
  void aBadClientTimeoutIsOneLineAndStatusTwo() {
    int status = run(Map.of("VAST_API_KEY", "vk"), "--keepalive-idle", "forever");

    assertThat(status).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("vastproxy: VASTPROXY_KEEPALIVE_IDLE=forever is not a duration")
        .hasLineCount(1);
  }

  @Test
  void helpGoesToStdoutWithStatusZero() {
    assertThat(run(Map.of(), "--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("VASTPROXY_POLICY");
  }
}
