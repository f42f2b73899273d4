package dev.vastproxy.application.port.out;

/**
 * Told when a request waits for a model that no healthy backend serves, so that something can bring
 * one up (the idle guard starts an instance it stopped). The default does nothing.
 */
@FunctionalInterface
public interface ModelDemandListener {
  /** Hears nothing. */
  ModelDemandListener NONE = model -> {};

  /**
   * A request for {@code model} is held because no healthy backend serves it. Called on the request
   * path for every such hold (so possibly many times a second for one model): return at once and
   * treat repeats as one.
   */
  void unserved(String model);
}
