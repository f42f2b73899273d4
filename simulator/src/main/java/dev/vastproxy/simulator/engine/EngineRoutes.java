package dev.vastproxy.simulator.engine;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.SameThreadExecutor;

/** What a request to a fake engine gets: recorded, then a fault, a 401 or the route's answer. */
final class EngineRoutes implements HttpHandler {
  private final FakeEngine engine;
  private final EngineSettings settings;
  private final EngineFaults faults;
  private final RequestLog log;
  private final LoadPages loadPages;

  EngineRoutes(
      FakeEngine engine,
      EngineSettings settings,
      EngineFaults faults,
      RequestLog log,
      LoadPages loadPages) {
    this.engine = engine;
    this.settings = settings;
    this.faults = faults;
    this.log = log;
    this.loadPages = loadPages;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    exchange.getRequestReceiver().receiveFullBytes(this::received, (ex, e) -> ex.endExchange());
  }

  private void received(HttpServerExchange exchange, byte[] body) {
    SentBody sent = log.add(exchange, body);
    Fault current = faults.current();
    if (current == Fault.HANG) {
      exchange.dispatch(
          SameThreadExecutor.INSTANCE,
          () -> DisconnectWatch.start(exchange, engine.watchPeriodMillis()));
      return;
    }
    if (!settings.authorized(exchange)) {
      exchange.setStatusCode(401);
      exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Basic realm=\"restricted\"");
      exchange.endExchange();
      return;
    }
    if (!faults.answered(exchange, current)) {
      route(exchange, body, sent);
    }
  }

  private void route(HttpServerExchange exchange, byte[] body, SentBody sent) {
    String method = exchange.getRequestMethod().toString();
    String path = exchange.getRequestPath();
    if (loadPages.serve(exchange, method, path, settings.model())) {
      return;
    }
    if (method.equals("GET") && path.equals("/v1/models")) {
      Replies.json(exchange, 200, settings.modelListing());
    } else if (method.equals("GET") && path.equals("/health")) {
      exchange.setStatusCode(200);
      exchange.endExchange();
    } else if (method.equals("POST")
        && path.equals("/abort_request")
        && settings.kind() == EngineKind.SGLANG) {
      engine.generations().abortRequest(exchange, body);
    } else if (method.equals("POST") && EngineApi.at(path).isPresent()) {
      generate(exchange, body, EngineApi.at(path).get(), sent);
    } else {
      Replies.error(exchange, 404, "Not Found: " + method + " " + path, "NotFoundError");
    }
  }

  private void generate(HttpServerExchange exchange, byte[] body, EngineApi api, SentBody sent) {
    GenerationRequest generation;
    try {
      generation =
          GenerationRequests.read(
              api,
              body,
              exchange.getQueryParameters(),
              settings.model(),
              settings.generationDefaults());
    } catch (RequestRefused refused) {
      Replies.error(exchange, refused.status(), refused.getMessage(), refused.type());
      return;
    }
    exchange.dispatch(
        SameThreadExecutor.INSTANCE,
        () -> new Generation(engine, exchange, generation, sent).start());
  }
}
