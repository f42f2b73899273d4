package dev.vastproxy.adapters.http.front;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpServerConnection;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.Protocols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses what the engines' API never uses before it reaches anything else: methods outside {@link
 * #ALLOWED} (405) and request framing Undertow reads leniently, namely a Transfer-Encoding other
 * than exactly {@code chunked} (400, or 501 for codings before a final {@code chunked}). It also
 * tells the connection's {@link HeadGuardConduit} where each next head starts, and when a chunked
 * body starts.
 */
public final class RequestRules implements HttpHandler {
  /** The methods the OpenAI API, the engines and the admin API use, for {@code Allow}. */
  public static final String ALLOWED = "GET, HEAD, POST, PUT, DELETE, PATCH, OPTIONS";

  private static final Set<HttpString> METHODS =
      Set.of(
          Methods.GET,
          Methods.HEAD,
          Methods.POST,
          Methods.PUT,
          Methods.DELETE,
          Methods.PATCH,
          Methods.OPTIONS);

  private static final byte[] METHOD_NOT_ALLOWED =
      OpenAiErrors.body("method not allowed: use one of " + ALLOWED, "invalid_request_error", null);

  private static final byte[] BAD_FRAMING =
      OpenAiErrors.body(
          "Transfer-Encoding must be chunked (HTTP/1.1 only) or absent",
          "invalid_request_error",
          null);

  private static final byte[] CODING_NOT_IMPLEMENTED =
      OpenAiErrors.body(
          "Transfer-Encoding codings other than chunked are not supported",
          "invalid_request_error",
          null);

  private final HttpHandler next;

  public RequestRules(HttpHandler next) {
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    followHeads(exchange);
    if (!METHODS.contains(exchange.getRequestMethod())) {
      exchange.getResponseHeaders().put(Headers.ALLOW, ALLOWED);
      refuse(exchange, 405, METHOD_NOT_ALLOWED, false);
      return;
    }
    HeaderValues codings = exchange.getRequestHeaders().get(Headers.TRANSFER_ENCODING);
    if (codings != null) {
      // The body's length is in doubt: answer, then close rather than guess where it ends.
      List<String> list = split(codings);
      int last = list.size() - 1;
      boolean wellFormed =
          !list.contains("")
              && list.get(last).equals("chunked")
              && !list.subList(0, last).contains("chunked")
              && exchange.getProtocol().equals(Protocols.HTTP_1_1);
      if (!wellFormed) {
        refuse(exchange, 400, BAD_FRAMING, true);
        return;
      }
      if (last > 0) {
        refuse(exchange, 501, CODING_NOT_IMPLEMENTED, true);
        return;
      }
    }
    next.handleRequest(exchange);
  }

  private static void followHeads(HttpServerExchange exchange) {
    if (exchange.getConnection() instanceof HttpServerConnection server
        && server.getOriginalSourceConduit() instanceof HeadGuardConduit guard) {
      String coding = exchange.getRequestHeaders().getLast(Headers.TRANSFER_ENCODING);
      // Undertow reads a body as chunked for any last coding but identity, refused or not here.
      if (coding != null && !new HttpString(coding).equals(Headers.IDENTITY)) {
        guard.chunkedBodyStarts(server, exchange);
      }
      exchange.addExchangeCompleteListener(
          (done, nextListener) -> {
            guard.exchangeComplete(server);
            nextListener.proceed();
          });
    }
  }

  private static List<String> split(HeaderValues values) {
    List<String> codings = new ArrayList<>();
    for (String value : values) {
      for (String coding : value.split(",", -1)) {
        codings.add(coding.strip().toLowerCase(Locale.ROOT));
      }
    }
    return codings;
  }

  private static void refuse(
      HttpServerExchange exchange, int status, byte[] body, boolean closeAfter) {
    if (closeAfter) {
      exchange.setPersistent(false);
      exchange.getResponseHeaders().put(Headers.CONNECTION, "close");
    }
    Answers.json(exchange, status, body);
  }
}
