package dev.vastproxy.bench.proc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class ResourceSamplerTest {
  @Test
  void measuresATargetsCpuAndMemoryAndTheForeignCpu() throws Exception {
    Process busy = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
    try {
      double[] told = {1_000};
      ResourceSampler sampler =
          ResourceSampler.start(
              ProcessTree.system(),
              OptionalLong.of(busy.pid()),
              () -> OptionalDouble.of(told[0] += 4_096));
      long end = System.nanoTime() + 1_200_000_000L;
      while (System.nanoTime() < end) {
        LockSupport.parkNanos(50_000_000L);
      }
      ResourceUse use = sampler.finish();
      sampler.close();

      assertThat(use.seconds()).isGreaterThanOrEqualTo(1.2);
      assertThat(use.targetCpuSeconds()).isPositive();
      assertThat(use.targetPeakRssMib()).isPositive();
      assertThat(use.harnessCpuSeconds()).isNotNegative();
      assertThat(use.foreignCoresAverage()).isNotNegative();
      assertThat(use.foreignCoresMax()).isGreaterThanOrEqualTo(use.foreignCoresAverage());
      assertThat(use.allocatedBytes())
          .as("the heap allocated between start and finish")
          .hasValue(4_096);
    } finally {
      busy.destroyForcibly();
    }
  }

  @Test
  void withoutATargetItMeasuresOnlyTheMachine() {
    try (ResourceSampler sampler =
        ResourceSampler.start(ProcessTree.system(), OptionalLong.empty(), OptionalDouble::empty)) {
      ResourceUse use = sampler.finish();

      assertThat(use.targetCpuSeconds()).isZero();
      assertThat(use.targetPeakRssMib()).isZero();
      assertThat(use.allocatedBytes()).isEmpty();
    }
  }
}
