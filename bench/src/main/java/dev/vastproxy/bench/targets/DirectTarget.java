package dev.vastproxy.bench.targets;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.OptionalLong;

/** The mock backends with nothing in front: the baseline every proxy is compared with. */
public final class DirectTarget implements Target {
  private final List<InetSocketAddress> engines;

  /** The engines, which streams visit in turn. */
  public DirectTarget(List<InetSocketAddress> engines) {
    this.engines = List.copyOf(engines);
  }

  @Override
  public String name() {
    return "direct";
  }

  @Override
  public List<InetSocketAddress> addresses() {
    return engines;
  }

  @Override
  public OptionalLong pid() {
    return OptionalLong.empty();
  }

  @Override
  public double startupMillis() {
    return 0;
  }

  @Override
  public void close() {
    // the fleet owns the engines
  }
}
