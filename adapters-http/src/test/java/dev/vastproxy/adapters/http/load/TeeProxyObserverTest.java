package dev.vastproxy.adapters.http.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.adapters.http.metrics.MicrometerProxyObserver;
import dev.vastproxy.adapters.http.relay.EndpointKind;
import dev.vastproxy.adapters.http.relay.ProxyObserver;
import dev.vastproxy.adapters.http.relay.RequestFacts;
import dev.vastproxy.application.port.in.RecordRequestTimingUseCase;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.routing.RoutingDecision;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Both observers hear every call, and a request costs no observer object unless one asks. */
class TeeProxyObserverTest {
  private static final String TRACEPARENT =
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  /** Follows each request with an object of its own, as a tracer does, noting what it hears. */
  private static final class Following implements ProxyObserver {
    final List<String> heard = new ArrayList<>();

    @Override
    public ProxyObserver arrived(HttpServerExchange exchange) {
      heard.add("arrived");
      Following own = this;
      return new ProxyObserver() {
        @Override
        public void routed(RoutingDecision decision) {
          own.heard.add("routed");
        }

        @Override
        public void requestSent(InstanceId backend) {
          own.heard.add("sent " + backend);
        }
      };
    }
  }

  private static HttpServerExchange exchange() {
    HttpServerExchange exchange = new HttpServerExchange(null);
    exchange.getRequestHeaders().put(new HttpString("traceparent"), TRACEPARENT);
    return exchange;
  }

  @Test
  void withoutTracingARequestGetsTheSharedObserverAndItsHeadersAreLeftAlone() {
    ProxyObserver tee =
        new TeeProxyObserver(
            new MicrometerProxyObserver(new SimpleMeterRegistry()),
            new TimingProxyObserver(
                new RecordRequestTimingUseCase() {
                  @Override
                  public void firstByte(InstanceId backend, long nanos) {}

                  @Override
                  public void completed(InstanceId backend, long nanos) {}
                }));
    HttpServerExchange exchange = exchange();

    assertThat(tee.arrived(exchange)).isSameAs(tee);
    assertThat(exchange.getRequestHeaders().getFirst("traceparent")).isEqualTo(TRACEPARENT);
  }

  @Test
  void anObserverThatFollowsRequestsGetsItsOwnForEachAndHearsTheRest() {
    Following following = new Following();
    ProxyObserver tee = new TeeProxyObserver(ProxyObserver.NONE, following);

    ProxyObserver own = tee.arrived(exchange());
    own.routed(new RoutingDecision.NoBackend());
    own.requestSent(new InstanceId(7));
    own.requestEnded(
        Optional.empty(),
        new RequestFacts(EndpointKind.CHAT, Optional.empty(), RequestFacts.Delivery.WHOLE),
        503,
        ProxyObserver.Outcome.NOT_ROUTED,
        1);

    assertThat(own).isNotSameAs(tee);
    assertThat(following.heard).containsExactly("arrived", "routed", "sent 7");
  }
}
