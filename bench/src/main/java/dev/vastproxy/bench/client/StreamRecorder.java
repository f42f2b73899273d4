package dev.vastproxy.bench.client;

import dev.vastproxy.bench.stats.Samples;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Collects what the streams of one run measured; used on the client's one thread only. */
final class StreamRecorder {
  private static final int MAX_FAILURES = 8;

  private final int streams;
  private final int events;
  private final Optional<StreamDigest> expected;
  private final Samples ttfb;
  private final Samples ttft;
  private final Samples delivery;
  private final Samples gap;
  private final List<String> failures = new ArrayList<>();
  private StreamDigest firstClean;
  private int completed;
  private int errors;
  private int incomplete;
  private int corrupt;

  StreamRecorder(int streams, int events, Optional<StreamDigest> expected) {
    this.streams = streams;
    this.events = events;
    this.expected = expected;
    this.ttfb = new Samples(streams);
    this.ttft = new Samples(streams);
    this.delivery = new Samples(streams * Math.max(1, events));
    this.gap = new Samples(streams * Math.max(1, events));
  }

  void ttfb(long nanos) {
    ttfb.add(nanos);
  }

  void ttft(long nanos) {
    ttft.add(nanos);
  }

  void delivery(long nanos) {
    delivery.add(nanos);
  }

  void gap(long nanos) {
    gap.add(nanos);
  }

  /** A stream ended cleanly: judge its events and bytes. */
  void ended(int tokenEvents, boolean sawDone, StreamDigest digest) {
    if (tokenEvents != events || !sawDone) {
      incomplete++;
      failure("incomplete: " + tokenEvents + " of " + events + " events, [DONE] " + sawDone);
    } else if (expected.isPresent() && !expected.get().equals(digest)) {
      corrupt++;
      failure("bytes differ from the direct reference: " + digest + " vs " + expected.get());
    } else {
      completed++;
      if (firstClean == null) {
        firstClean = digest;
      }
    }
  }

  /** The digest of the first stream that came through whole, if any. */
  Optional<StreamDigest> firstClean() {
    return Optional.ofNullable(firstClean);
  }

  /** A stream failed. */
  void failed(String why) {
    errors++;
    failure(why);
  }

  private void failure(String why) {
    if (failures.size() < MAX_FAILURES) {
      failures.add(why);
    }
  }

  SseRunResult result(long eventsReceived, Duration elapsed) {
    return new SseRunResult(
        streams,
        completed,
        errors,
        incomplete,
        corrupt,
        ttfb.percentilesMillis(),
        ttft.percentilesMillis(),
        delivery.percentilesMillis(),
        gap.percentilesMillis(),
        eventsReceived,
        elapsed,
        failures);
  }
}
