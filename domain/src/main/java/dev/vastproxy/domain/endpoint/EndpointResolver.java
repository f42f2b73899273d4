package dev.vastproxy.domain.endpoint;

import dev.vastproxy.domain.instance.Engine;
import dev.vastproxy.domain.instance.Instance;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Works out where an instance's inference server listens and how to reach it directly. */
public final class EndpointResolver {
  /** Where vLLM listens inside vast's images when its arguments name no port. */
  public static final int VLLM_DEFAULT_PORT = 18_000;

  /** Where the instance portal (Caddy) serves the engine, and the default for other engines. */
  public static final int DEFAULT_PORT = 8_000;

  /** Container ports tried, in order, when the engine's own port is not published. */
  private static final List<Integer> FALLBACK_CONTAINER_PORTS = List.of(8_000, 18_000, 30_000);

  private EndpointResolver() {}

  /**
   * The container port the engine listens on: {@code --port} in {@code SGLANG_ARGS}, then in {@code
   * VLLM_ARGS}, then in {@code onstart}; otherwise 18000 for vLLM and 8000 for the rest.
   */
  public static int containerPort(Instance instance) {
    for (String args :
        List.of(
            instance.extraEnv().get("SGLANG_ARGS").orElse(""),
            instance.extraEnv().get("VLLM_ARGS").orElse(""),
            instance.onstart())) {
      OptionalInt port = PortArgument.find(args);
      if (port.isPresent()) {
        return port.getAsInt();
      }
    }
    return instance.engine() == Engine.VLLM ? VLLM_DEFAULT_PORT : DEFAULT_PORT;
  }

  /**
   * The host port that reaches the container port: its own mapping, else the mapping of 8000, 18000
   * or 30000 (first found), else {@code direct_port_start}.
   */
  public static OptionalInt hostPort(Instance instance, int containerPort) {
    OptionalInt own = instance.ports().hostPort(containerPort);
    if (own.isPresent()) {
      return own;
    }
    for (int fallback : FALLBACK_CONTAINER_PORTS) {
      OptionalInt mapped = instance.ports().hostPort(fallback);
      if (mapped.isPresent()) {
        return mapped;
      }
    }
    return instance.directPortStart();
  }

  /** Plain HTTP to the public address and resolved host port, when both are known. */
  public static Optional<Endpoint> direct(Instance instance) {
    OptionalInt port = hostPort(instance, containerPort(instance));
    if (port.isEmpty() || !instance.publicIp().map(Endpoint::isValidHost).orElse(false)) {
      return Optional.empty();
    }
    return Optional.of(
        new Endpoint(
            Scheme.HTTP, instance.publicIp().get(), port.getAsInt(), instance.bearerToken()));
  }
}
