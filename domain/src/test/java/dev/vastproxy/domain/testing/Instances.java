package dev.vastproxy.domain.testing;

import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.endpoint.Transport;
import dev.vastproxy.domain.instance.ExtraEnv;
import dev.vastproxy.domain.instance.Instance;
import java.time.Instant;

/** Test instances and backends shaped like what vast.ai lists. */
public final class Instances {
  /** A fixed moment tests start from. */
  public static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

  private Instances() {}

  /** A running vLLM instance whose engine is published on host port 40000 + id % 1000. */
  public static Instance.Builder runningVllm(long id) {
    return Instance.builder(id)
        .running()
        .address("203.0.113." + (id % 250 + 1))
        .portMapping(8000, (int) (40_000 + id % 1000))
        .env("VLLM_MODEL", "Qwen/Qwen3-8B")
        .env("VLLM_ARGS", "--host 127.0.0.1 --port 18000")
        .gpuName("RTX 4090")
        .gpuCount(2)
        .dollarsPerHour(0.64)
        .token("token-" + id);
  }

  /** A running SGLang instance, otherwise like {@link #runningVllm(long)}. */
  public static Instance.Builder runningSglang(long id) {
    return runningVllm(id)
        .env(ExtraEnv.empty())
        .env("SGLANG_MODEL", "Qwen/Qwen3-32B-AWQ")
        .env("SGLANG_ARGS", "--host 127.0.0.1 --port 18000");
  }

  /** A backend of a running vLLM instance, discovered at {@link #T0}. */
  public static Backend discovered(long id) {
    return Backend.discovered(runningVllm(id).build(), Transport.DIRECT, T0);
  }

  /** A HEALTHY backend serving the given models. */
  public static Backend healthy(long id, String... models) {
    return discovered(id).markHealthy(Cards.of(models), T0);
  }
}
