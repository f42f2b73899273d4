package dev.vastproxy.adapters.http.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.adapters.http.relay.ProxyObserver;
import dev.vastproxy.domain.backend.Rescue;
import dev.vastproxy.domain.instance.InstanceId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RescueProxyObserverTest {
  private static final InstanceId FAILED = new InstanceId(1);
  private static final InstanceId NEXT = new InstanceId(2);

  @Test
  void eachRescueIsCountedAgainstTheInstanceThatFailed() {
    List<String> counted = new ArrayList<>();
    ProxyObserver observer =
        new TeeProxyObserver(
            ProxyObserver.NONE,
            new RescueProxyObserver(
                (instance, rescue) -> counted.add(instance.value() + " " + rescue)));

    observer.retriedBeforeFirstByte(FAILED);
    observer.resumed(FAILED, NEXT);
    observer.notResumable(FAILED);
    observer.resumeFailed(NEXT);

    assertThat(counted)
        .containsExactly(
            "1 " + Rescue.RETRIED_BEFORE_FIRST_BYTE,
            "1 " + Rescue.RESUMED,
            "1 " + Rescue.NOT_RESUMABLE,
            "2 " + Rescue.RESUME_FAILED);
  }
}
