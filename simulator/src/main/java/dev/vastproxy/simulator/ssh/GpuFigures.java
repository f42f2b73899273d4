package dev.vastproxy.simulator.ssh;

import java.util.Locale;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Plausible nvidia-smi output for a fake instance whose GPUs are as busy as its engine: each
 * running generation keeps GPUs busy, temperature and memory follow, with a little noise.
 */
public final class GpuFigures implements Supplier<String> {
  private final int gpus;
  private final long memoryMib;
  private final IntSupplier busy;
  private final RandomGenerator random;

  /**
   * @param gpus how many GPUs
   * @param memoryMib memory per GPU
   * @param busy how many generations run now
   */
  public GpuFigures(int gpus, long memoryMib, IntSupplier busy, RandomGenerator random) {
    if (gpus < 1 || memoryMib < 1) {
      throw new IllegalArgumentException("a host needs GPUs with memory");
    }
    this.gpus = gpus;
    this.memoryMib = memoryMib;
    this.busy = busy;
    this.random = random;
  }

  @Override
  public String get() {
    int running = busy.getAsInt();
    StringBuilder csv = new StringBuilder();
    for (int index = 0; index < gpus; index++) {
      int load = running == 0 ? 0 : Math.min(100, running * 45 / (index + 1) + random.nextInt(6));
      int temperature = 30 + load * 45 / 100 + random.nextInt(3);
      long used = memoryMib * (60 + load * 35 / 100) / 100;
      csv.append(
          String.format(
              Locale.ROOT, "%d, %d, %d, %d, %d%n", index, load, temperature, used, memoryMib));
    }
    return csv.toString();
  }
}
