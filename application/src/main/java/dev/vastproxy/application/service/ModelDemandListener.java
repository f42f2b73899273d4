package dev.vastproxy.application.service;

/**
 * Told when a request for a model is held or refused because no healthy backend serves that model,
 * so that something can bring one up (the idle guard's wake service starts an instance it stopped).
 */
@FunctionalInterface
public interface ModelDemandListener {

  /**
   * A request for {@code model} found no healthy backend. Called on the request path: must return
   * at once (blocking work goes to an executor).
   */
  void unserved(String model);
}
