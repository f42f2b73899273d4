package dev.vastproxy.simulator.vastai;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.SameThreadExecutor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Routes the fake vast.ai API's requests (trailing slashes required, as on vast.ai), checks the
 * bearer key, applies queued faults, and answers without blocking an I/O thread.
 */
final class FakeVastHandler implements HttpHandler {
  private static final Pattern INSTANCE_PATH = Pattern.compile("/api/v0/instances/([0-9]{1,18})/");
  private static final String LIST_PATH = "/api/v1/instances/";
  private static final String LIST_V0_PATH = "/api/v0/instances/";
  private static final String USER_PATH = "/api/v0/users/current/";

  private final FakeVastAccount account;
  private final String apiKey;
  private final byte[] expectedAuthorization;
  private volatile int badKeyStatus = 401;

  FakeVastHandler(FakeVastAccount account, String apiKey) {
    this.account = account;
    this.apiKey = apiKey;
    this.expectedAuthorization = ("Bearer " + apiKey).getBytes(StandardCharsets.UTF_8);
  }

  /** The status a bad key gets: 401 as documented, or 404 as observed. */
  void badKeyStatus(int status) {
    this.badKeyStatus = status;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    String path = exchange.getRequestPath();
    HttpString method = exchange.getRequestMethod();
    Optional<VastRoute> route;
    long id = 0;
    Matcher instance = INSTANCE_PATH.matcher(path);
    if (instance.matches()) {
      id = Long.parseLong(instance.group(1));
      route = instanceRoute(method);
    } else if (path.equals(LIST_PATH)) {
      route = only(method, Methods.GET, VastRoute.LIST);
    } else if (path.equals(USER_PATH)) {
      route = only(method, Methods.GET, VastRoute.CURRENT_USER);
    } else if (path.equals(LIST_V0_PATH)) {
      route = only(method, Methods.GET, VastRoute.LIST_V0);
    } else {
      send(exchange, new VastReply(404, VastReply.JSON, "{\"detail\": \"Not Found\"}"));
      return;
    }
    if (route.isEmpty()) {
      send(exchange, new VastReply(405, VastReply.JSON, "{\"detail\": \"Method Not Allowed\"}"));
      return;
    }
    if (!authorised(exchange)) {
      send(exchange, VastReply.error(badKeyStatus, "auth_error", "Invalid user key"));
      return;
    }
    VastRoute matched = route.get();
    long instanceId = id;
    if (matched == VastRoute.LABEL) {
      exchange
          .getRequestReceiver()
          .receiveFullString(
              (ex, body) -> answer(ex, matched, instanceId, body), StandardCharsets.UTF_8);
    } else {
      answer(exchange, matched, instanceId, "");
    }
  }

  private static Optional<VastRoute> instanceRoute(HttpString method) {
    if (method.equals(Methods.GET)) {
      return Optional.of(VastRoute.SHOW);
    }
    if (method.equals(Methods.PUT)) {
      return Optional.of(VastRoute.LABEL);
    }
    if (method.equals(Methods.DELETE)) {
      return Optional.of(VastRoute.DESTROY);
    }
    return Optional.empty();
  }

  private static Optional<VastRoute> only(HttpString method, HttpString allowed, VastRoute route) {
    return method.equals(allowed) ? Optional.of(route) : Optional.empty();
  }

  private boolean authorised(HttpServerExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
    return header != null
        && MessageDigest.isEqual(expectedAuthorization, header.getBytes(StandardCharsets.UTF_8));
  }

  private void answer(HttpServerExchange exchange, VastRoute route, long id, String body) {
    Optional<VastFault> fault = account.arrive(route);
    if (fault.isPresent() && !fault.get().delay().isZero()) {
      long delayMillis = fault.get().delay().toMillis();
      exchange.dispatch(
          SameThreadExecutor.INSTANCE,
          () ->
              exchange
                  .getIoThread()
                  .executeAfter(
                      () -> send(exchange, reply(fault, exchange, route, id, body)),
                      delayMillis,
                      TimeUnit.MILLISECONDS));
      return;
    }
    send(exchange, reply(fault, exchange, route, id, body));
  }

  private VastReply reply(
      Optional<VastFault> fault,
      HttpServerExchange exchange,
      VastRoute route,
      long id,
      String body) {
    if (fault.isPresent() && !fault.get().answersNormally()) {
      return VastReply.of(fault.get());
    }
    return switch (route) {
      case LIST -> account.list(query(exchange, "limit"), query(exchange, "after_token"));
      case SHOW -> account.show(id);
      case LABEL -> account.manage(id, body);
      case DESTROY -> account.destroy(id);
      case CURRENT_USER -> account.currentUser(apiKey);
      case LIST_V0 ->
          VastReply.error(
              410,
              "deprecated_endpoint",
              "/api/v0/instances/ is deprecated. Use /api/v1/instances/ instead.");
    };
  }

  private static Optional<String> query(HttpServerExchange exchange, String name) {
    Deque<String> values = exchange.getQueryParameters().get(name);
    return values == null ? Optional.empty() : Optional.ofNullable(values.peekFirst());
  }

  private static void send(HttpServerExchange exchange, VastReply reply) {
    exchange.setStatusCode(reply.status());
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, reply.contentType());
    exchange.getResponseSender().send(reply.body(), StandardCharsets.UTF_8);
  }
}
