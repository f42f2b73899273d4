package dev.vastproxy.bench.targets;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** Another name for a running target, to load it a second way in the same rounds. */
public final class RenamedTarget implements Target {
  private final Target target;
  private final String name;

  /** The target under another name; closing this one leaves the target running. */
  public RenamedTarget(Target target, String name) {
    this.target = target;
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<InetSocketAddress> addresses() {
    return target.addresses();
  }

  @Override
  public OptionalLong pid() {
    return target.pid();
  }

  @Override
  public OptionalDouble allocatedBytes() {
    return target.allocatedBytes();
  }

  @Override
  public double startupMillis() {
    return target.startupMillis();
  }

  @Override
  public void close() {
    // the original owns the process
  }
}
