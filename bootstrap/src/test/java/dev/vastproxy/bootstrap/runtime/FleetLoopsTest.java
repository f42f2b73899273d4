package dev.vastproxy.bootstrap.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.application.service.FleetLoop;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FleetLoopsTest {
  private final List<String> calls = new ArrayList<>();

  private FleetLoop loop(String name, boolean failsToStop) {
    return new FleetLoop() {
      @Override
      public void start() {
        calls.add("start " + name);
      }

      @Override
      public void stop() {
        calls.add("stop " + name);
        if (failsToStop) {
          throw new IllegalStateException(name + " would not stop");
        }
      }
    };
  }

  @Test
  void loopsStartInOrderAndStopInReverse() {
    FleetLoops loops =
        new FleetLoops(
            List.of(loop("tunnels", false), loop("health", false), loop("discovery", false)));

    loops.startAll();
    loops.stopAll();

    assertThat(calls)
        .containsExactly(
            "start tunnels",
            "start health",
            "start discovery",
            "stop discovery",
            "stop health",
            "stop tunnels");
  }

  @Test
  void aLoopThatFailsToStopDoesNotKeepTheOthersRunning() {
    FleetLoops loops =
        new FleetLoops(
            List.of(loop("tunnels", false), loop("health", true), loop("discovery", false)));

    loops.stopAll();

    assertThat(calls).containsExactly("stop discovery", "stop health", "stop tunnels");
  }
}
