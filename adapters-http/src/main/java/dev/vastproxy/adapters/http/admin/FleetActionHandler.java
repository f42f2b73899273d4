package dev.vastproxy.adapters.http.admin;

import dev.vastproxy.adapters.http.front.Answers;
import dev.vastproxy.application.port.in.InstanceResult;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.SameThreadExecutor;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Runs a fleet action and answers its per-instance results once they are in, without holding the IO
 * thread: the exchange is dispatched, and the answer is written back on its IO thread when the
 * action's stage completes.
 */
final class FleetActionHandler implements HttpHandler {
  private static final System.Logger LOG = System.getLogger(FleetActionHandler.class.getName());

  private final String name;
  private final Supplier<CompletionStage<List<InstanceResult>>> action;

  /**
   * @param name the action, for the log and error messages, e.g. {@code abort-all}
   * @param action starts the action; its stage completes with one result per instance
   */
  FleetActionHandler(String name, Supplier<CompletionStage<List<InstanceResult>>> action) {
    this.name = name;
    this.action = action;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    exchange.dispatch(SameThreadExecutor.INSTANCE, () -> start(exchange));
  }

  private void start(HttpServerExchange exchange) {
    LOG.log(Level.INFO, "{0} requested through the admin API", name);
    CompletionStage<List<InstanceResult>> results;
    try {
      results = action.get();
    } catch (RuntimeException e) {
      results = CompletableFuture.failedFuture(e);
    }
    results.whenComplete(
        (done, failure) -> exchange.getIoThread().execute(() -> answer(exchange, done, failure)));
  }

  private void answer(HttpServerExchange exchange, List<InstanceResult> done, Throwable failure) {
    if (failure != null) {
      LOG.log(Level.ERROR, name + " failed", failure);
      Answers.error(exchange, 500, name + " failed; see the proxy's log", "action_failed");
      return;
    }
    Answers.json(exchange, 200, AdminJson.write(ActionResults.of(done)));
  }
}
