package dev.vastproxy.adapters.http;

import dev.vastproxy.application.port.out.AbortEnginePort;
import dev.vastproxy.domain.endpoint.Endpoint;
import dev.vastproxy.domain.fleet.ActionOutcome;
import dev.vastproxy.domain.instance.InstanceId;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/** A test stand-in for the abort out-port: {@code POST /abort_request} with the JDK client. */
public final class TestAbortEngine implements AbortEnginePort {
  private final HttpClient http = HttpClient.newHttpClient();

  @Override
  public CompletionStage<ActionOutcome> abortAll(InstanceId id, Endpoint endpoint) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(endpoint.baseUri() + "/abort_request"))
            .timeout(Duration.ofSeconds(5))
            .header("Authorization", "Bearer " + endpoint.bearerToken().reveal())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"rid\": \"\", \"abort_all\": true}"))
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .handle(
            (response, failure) ->
                failure != null
                    ? ActionOutcome.failed(failure.getClass().getSimpleName())
                    : response.statusCode() == 200
                        ? ActionOutcome.ok("aborted")
                        : ActionOutcome.failed("HTTP " + response.statusCode()));
  }
}
