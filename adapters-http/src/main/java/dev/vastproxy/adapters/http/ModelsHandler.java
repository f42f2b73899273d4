package dev.vastproxy.adapters.http;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.vastproxy.application.port.in.ListModelsUseCase;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Answers {@code GET /v1/models} itself: the union of the healthy backends' models. */
public final class ModelsHandler implements HttpHandler {
  private final ListModelsUseCase models;

  public ModelsHandler(ListModelsUseCase models) {
    this.models = models;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    List<String> served = models.listModels();
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
    if (served.isEmpty()) {
      exchange.setStatusCode(503);
      exchange.getResponseSender().send(ByteBuffer.wrap(OpenAiErrors.NO_BACKENDS));
      return;
    }
    StringBuilder json = new StringBuilder("{\"object\":\"list\",\"data\":[");
    for (int i = 0; i < served.size(); i++) {
      json.append(i == 0 ? "" : ",").append("{\"id\":\"");
      JsonStringEncoder.getInstance().quoteAsString(served.get(i), json);
      json.append("\",\"object\":\"model\",\"created\":0,\"owned_by\":\"vastproxy\"}");
    }
    json.append("]}");
    exchange
        .getResponseSender()
        .send(ByteBuffer.wrap(json.toString().getBytes(StandardCharsets.UTF_8)));
  }
}
