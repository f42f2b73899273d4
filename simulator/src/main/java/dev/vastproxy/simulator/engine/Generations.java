package dev.vastproxy.simulator.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The generations under way on one fake engine, and what stops them early: a client that leaves
 * (counted as abandoned), SGLang's {@code /abort_request}, or the engine dying.
 */
final class Generations {
  private final Set<Generation> active = ConcurrentHashMap.newKeySet();
  private final AtomicLong abandoned = new AtomicLong();
  private final AtomicLong abortAllCalls = new AtomicLong();

  void started(Generation generation) {
    active.add(generation);
  }

  void ended(Generation generation, boolean early) {
    if (active.remove(generation) && early) {
      abandoned.incrementAndGet();
    }
  }

  /** Generations under way now. */
  int count() {
    return active.size();
  }

  /** Generations whose client went away before they finished. */
  long abandoned() {
    return abandoned.get();
  }

  /** How many times {@code /abort_request} with {@code abort_all} was called. */
  long abortAllCalls() {
    return abortAllCalls.get();
  }

  /** Stops every generation mid-answer, connections closed, as a dying engine does. */
  void killAll() {
    for (Generation generation : List.copyOf(active)) {
      generation.kill();
    }
  }

  /** Answers SGLang's {@code POST /abort_request}: {@code abort_all} ends every generation. */
  void abortRequest(HttpServerExchange exchange, byte[] body) {
    try {
      JsonNode request = GenerationRequests.JSON.readTree(body);
      if (request != null && request.path("abort_all").asBoolean(false)) {
        abortAllCalls.incrementAndGet();
        for (Generation generation : List.copyOf(active)) {
          generation.abort();
        }
      }
    } catch (IOException e) {
      Replies.error(exchange, 400, "request body is not JSON", "BadRequestError");
      return;
    }
    exchange.setStatusCode(200);
    exchange.endExchange();
  }
}
