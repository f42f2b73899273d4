package dev.vastproxy.adapters.http.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.adapters.http.relay.EndpointKind;
import dev.vastproxy.adapters.http.relay.ProxyObserver;
import dev.vastproxy.adapters.http.relay.RequestFacts;
import dev.vastproxy.application.port.in.RecordRequestTimingUseCase;
import dev.vastproxy.domain.instance.InstanceId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TimingProxyObserverTest {
  private static final InstanceId ONE = new InstanceId(1);
  private final List<String> recorded = new ArrayList<>();
  private final RecordRequestTimingUseCase timing =
      new RecordRequestTimingUseCase() {
        @Override
        public void firstByte(InstanceId backend, long nanos) {
          recorded.add("first " + backend + " " + nanos);
        }

        @Override
        public void completed(InstanceId backend, long nanos) {
          recorded.add("done " + backend + " " + nanos);
        }
      };

  @Test
  void onlyGoodAnswersAndCompletedRequestsCount() {
    List<String> sent = new ArrayList<>();
    ProxyObserver counting =
        new ProxyObserver() {
          @Override
          public void requestSent(InstanceId backend) {
            sent.add(backend.toString());
          }
        };
    ProxyObserver observer = new TeeProxyObserver(counting, new TimingProxyObserver(timing));

    RequestFacts facts =
        new RequestFacts(EndpointKind.CHAT, Optional.empty(), RequestFacts.Delivery.STREAMED);
    observer.requestSent(ONE);
    observer.responseStarted(ONE, facts, 200, 4);
    observer.firstBytes(ONE, facts, 200, 5);
    observer.firstBytes(ONE, facts, 503, 6);
    observer.requestEnded(Optional.of(ONE), facts, 200, ProxyObserver.Outcome.COMPLETED, 50);
    observer.requestEnded(Optional.of(ONE), facts, 200, ProxyObserver.Outcome.CLIENT_GONE, 51);
    observer.requestEnded(Optional.of(ONE), facts, 500, ProxyObserver.Outcome.COMPLETED, 52);
    observer.requestEnded(Optional.of(ONE), facts, 502, ProxyObserver.Outcome.BACKEND_FAILED, 53);
    observer.requestEnded(Optional.empty(), facts, 503, ProxyObserver.Outcome.NOT_ROUTED, 54);
    observer.retriedBeforeFirstByte(ONE);
    observer.resumed(ONE, ONE);
    observer.notResumable(ONE);
    observer.resumeFailed(ONE);

    assertThat(sent).containsExactly("1");
    assertThat(recorded).containsExactly("first 1 5", "done 1 50");
  }
}
