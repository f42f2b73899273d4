package dev.vastproxy.domain.archviolation;

import java.util.List;

/** Breaks "the domain holds no wire-shape parsing": a domain class that reads a raw JSON value. */
public final class DomainParsesWireShapes {
  private DomainParsesWireShapes() {}

  /** Reads a raw list of pairs, as only an adapter may. */
  public static int fromWire(Object raw) {
    return raw instanceof List<?> pairs ? pairs.size() : 0;
  }
}
