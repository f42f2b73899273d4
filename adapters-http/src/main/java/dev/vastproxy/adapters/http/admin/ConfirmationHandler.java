package dev.vastproxy.adapters.http.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vastproxy.adapters.http.front.Answers;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import java.io.IOException;

/**
 * Lets a request through only when its body is the JSON {@code {"confirm": "<word>"}}; answers 400
 * explaining the confirmation otherwise. The body is read without blocking and capped in size.
 */
final class ConfirmationHandler implements HttpHandler {
  /** Room for the confirmation with whitespace to spare; anything larger is not one. */
  static final int MAX_BODY_BYTES = 1024;

  private final String word;
  private final String action;
  private final HttpHandler next;

  /**
   * @param word the value {@code confirm} must have, e.g. {@code destroy}
   * @param action the action's path, for the error message
   * @param next handles the confirmed request (its body is consumed)
   */
  ConfirmationHandler(String word, String action, HttpHandler next) {
    this.word = word;
    this.action = action;
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    exchange.setMaxEntitySize(MAX_BODY_BYTES);
    exchange
        .getRequestReceiver()
        .receiveFullBytes(
            (received, body) -> {
              if (!confirms(body, word)) {
                refuse(received);
                return;
              }
              try {
                next.handleRequest(received);
              } catch (Exception e) {
                Answers.error(received, 500, action + " failed", "action_failed");
              }
            },
            this::readFailed);
  }

  /** Whether the body is a JSON object whose {@code confirm} field is the word. */
  static boolean confirms(byte[] body, String word) {
    try {
      JsonNode json = AdminJson.MAPPER.readTree(body);
      JsonNode confirm = json == null || !json.isObject() ? null : json.get("confirm");
      return confirm != null && confirm.isTextual() && confirm.textValue().equals(word);
    } catch (IOException notJson) {
      return false;
    }
  }

  private void readFailed(HttpServerExchange exchange, IOException failure) {
    if (failure instanceof RequestTooBigException) {
      refuse(exchange);
    } else {
      // The client went away while sending: nobody to answer.
      exchange.endExchange();
    }
  }

  private void refuse(HttpServerExchange exchange) {
    Answers.error(
        exchange,
        400,
        action
            + " is irreversible and needs confirmation: send the JSON body {\"confirm\": \""
            + word
            + "\"}",
        "confirmation_required");
  }
}
