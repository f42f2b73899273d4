package dev.vastproxy.application.service;

import dev.vastproxy.application.port.out.InstanceListing;
import dev.vastproxy.application.port.out.ListInstancesPort;
import dev.vastproxy.application.port.out.VastApiException;
import dev.vastproxy.domain.instance.Instance;
import java.time.Duration;
import java.util.List;

/** Listing ports for tests: a fixed account, or one that fails. */
final class Listings {
  private Listings() {}

  /** Lists these instances every time. */
  static ListInstancesPort of(Instance... instances) {
    return new ListInstancesPort() {
      @Override
      public InstanceListing listInstances() {
        return new InstanceListing(List.of(instances), List.of());
      }

      @Override
      public Duration answerTimeout() {
        return Duration.ofSeconds(30);
      }
    };
  }

  /** Fails every time with HTTP 503. */
  static ListInstancesPort failing() {
    return new ListInstancesPort() {
      @Override
      public InstanceListing listInstances() throws VastApiException {
        throw new VastApiException(VastApiException.Kind.UNAVAILABLE, "HTTP 503");
      }

      @Override
      public Duration answerTimeout() {
        return Duration.ofSeconds(30);
      }
    };
  }
}
