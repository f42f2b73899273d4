package dev.vastproxy.bench.targets;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** Something the load goes through: the backends themselves, or a proxy in front of them. */
public interface Target extends AutoCloseable {
  /** A short name for tables: {@code direct}, {@code nginx}, {@code vastproxy rr}… */
  String name();

  /** Where clients send requests; streams go to each in turn. */
  List<InetSocketAddress> addresses();

  /** The first address (what wrk and hey are pointed at). */
  default InetSocketAddress address() {
    return addresses().get(0);
  }

  /** The root of the proxy's process tree; empty for direct. */
  OptionalLong pid();

  /**
   * The heap the proxy allocated since it started, when it says (vastproxy's {@code /metrics});
   * empty for the others.
   */
  default OptionalDouble allocatedBytes() {
    return OptionalDouble.empty();
  }

  /** Milliseconds from spawn to the first proxied 200; 0 for direct. */
  double startupMillis();

  /** Stops it. */
  @Override
  void close();
}
