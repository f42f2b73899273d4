package dev.vastproxy.application.port.out;

import dev.vastproxy.domain.instance.Instance;

/** Reads an instance's per-GPU figures (nvidia-smi over SSH). */
public interface ReadGpuMetricsPort {

  /**
   * Reads the figures. Blocks at most for the connect and command timeouts; never throws for a
   * failed probe, which it reports in the result instead.
   */
  GpuProbe readGpus(Instance instance);
}
