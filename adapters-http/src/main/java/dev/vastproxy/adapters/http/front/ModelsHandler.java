package dev.vastproxy.adapters.http.front;

import dev.vastproxy.application.port.in.ListModelsUseCase;
import dev.vastproxy.domain.backend.ModelCard;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Answers {@code GET /v1/models} itself: the union of the healthy backends' models, each entry as
 * its engine listed it (clients size their context from fields such as {@code max_model_len}), and
 * an empty list, not an error, when nothing is healthy.
 */
public final class ModelsHandler implements HttpHandler {
  private final ListModelsUseCase models;

  public ModelsHandler(ListModelsUseCase models) {
    this.models = models;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    List<ModelCard> served = models.listModels();
    StringBuilder json = new StringBuilder("{\"object\":\"list\",\"data\":[");
    for (int i = 0; i < served.size(); i++) {
      // Each entry was read and re-serialised by the probe: valid JSON, passed on unread.
      json.append(i == 0 ? "" : ",").append(served.get(i).json());
    }
    json.append("]}");
    Answers.json(exchange, 200, json.toString().getBytes(StandardCharsets.UTF_8));
  }
}
