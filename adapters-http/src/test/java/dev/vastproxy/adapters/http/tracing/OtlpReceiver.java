package dev.vastproxy.adapters.http.tracing;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A collector's OTLP/HTTP traces endpoint on loopback, as small as it gets: {@code POST /v1/traces}
 * with a protobuf {@code ExportTraceServiceRequest}, decoded with OTLP's own generated messages; a
 * request of another content type is refused with 415, as a collector does.
 */
public final class OtlpReceiver implements AutoCloseable {
  private final HttpServer server;
  private final List<byte[]> bodies = new CopyOnWriteArrayList<>();

  public OtlpReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/v1/traces",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          String type = exchange.getRequestHeaders().getFirst("Content-Type");
          if (!"POST".equals(exchange.getRequestMethod())
              || !"application/x-protobuf".equals(type)) {
            exchange.sendResponseHeaders(415, -1);
            exchange.close();
            return;
          }
          bodies.add(body);
          byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
          exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
          exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
          }
        });
    server.start();
  }

  /** The traces endpoint's URL. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces");
  }

  /** Every export request's body as it came. */
  public List<byte[]> bodies() {
    return List.copyOf(bodies);
  }

  /** Every export request, decoded. */
  public List<ExportTraceServiceRequest> requests() {
    List<ExportTraceServiceRequest> requests = new ArrayList<>();
    for (byte[] body : bodies) {
      try {
        requests.add(ExportTraceServiceRequest.parseFrom(body));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return requests;
  }

  /** Every span received, with the resource it came from. */
  public List<Received> spans() {
    List<Received> spans = new ArrayList<>();
    for (ExportTraceServiceRequest request : requests()) {
      for (ResourceSpans resource : request.getResourceSpansList()) {
        for (ScopeSpans scope : resource.getScopeSpansList()) {
          for (Span span : scope.getSpansList()) {
            spans.add(new Received(resource, span));
          }
        }
      }
    }
    return spans;
  }

  /** A span and the resource that sent it. */
  public record Received(ResourceSpans resource, Span span) {}

  @Override
  public void close() {
    server.stop(0);
  }
}
