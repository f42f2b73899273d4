package dev.vastproxy.application.port.in;

import java.util.List;

/** Use case: the models the fleet serves now. */
public interface ListModelsUseCase {

  /** The union of the healthy backends' models, sorted, without duplicates. */
  List<String> listModels();
}
