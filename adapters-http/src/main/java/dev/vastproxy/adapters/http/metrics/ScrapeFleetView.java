package dev.vastproxy.adapters.http.metrics;

import dev.vastproxy.application.port.in.FleetView;
import dev.vastproxy.application.port.in.ObserveFleetUseCase;
import java.util.function.Supplier;

/**
 * The fleet as the meters read it: one view per scrape. {@link MetricsHandler} runs each scrape
 * {@linkplain #during during} a scope in which the first gauge that reads the fleet takes a view
 * and every later gauge of that scrape reads the same one, so a scrape costs one view, not one per
 * gauge, and its figures agree with each other. Outside a scrape (a test reading one meter) each
 * read takes a fresh view.
 */
public final class ScrapeFleetView implements ObserveFleetUseCase {
  private final ObserveFleetUseCase fleet;

  /** The current scrape's view on this thread: absent outside a scrape, empty until first read. */
  private final ThreadLocal<FleetView[]> scrape = new ThreadLocal<>();

  public ScrapeFleetView(ObserveFleetUseCase fleet) {
    this.fleet = fleet;
  }

  @Override
  public FleetView observeFleet() {
    FleetView[] pinned = scrape.get();
    if (pinned == null) {
      return fleet.observeFleet();
    }
    if (pinned[0] == null) {
      pinned[0] = fleet.observeFleet();
    }
    return pinned[0];
  }

  /** Runs one scrape on this thread; every fleet read in it sees the same view. */
  public <T> T during(Supplier<T> work) {
    if (scrape.get() != null) {
      return work.get();
    }
    scrape.set(new FleetView[1]);
    try {
      return work.get();
    } finally {
      scrape.remove();
    }
  }
}
