package dev.vastproxy.application.port.in;

import dev.vastproxy.domain.backend.ModelCard;
import java.util.List;

/** Use case: the models the fleet serves now. */
public interface ListModelsUseCase {

  /**
   * The union of the healthy backends' models, sorted by id, without duplicates; each as the
   * healthy backend with the lowest instance id lists it. Empty when nothing is healthy.
   */
  List<ModelCard> listModels();
}
