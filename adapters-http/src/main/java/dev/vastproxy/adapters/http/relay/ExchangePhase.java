package dev.vastproxy.adapters.http.relay;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** Where one proxied exchange is in its life; each phase may move only to the ones it lists. */
enum ExchangePhase {
  /** Reading the request body to find its model. */
  READING_BODY,
  /** Asking the application for a backend. */
  CHOOSING,
  /** Getting a connection to the chosen backend. */
  CONNECTING,
  /** Writing the request to the backend. */
  SENDING,
  /** The request is written; waiting for the backend's response headers. */
  AWAITING_HEADERS,
  /** The backend's answer is being relayed to the client. */
  RELAYING,
  /** The answer broke mid-stream; another engine is being asked to continue it. */
  RESUMING,
  /** Over: answered, cut, or the client left. */
  DONE;

  /** The phases each phase may move to, made once: a move is checked on every request. */
  private static final Map<ExchangePhase, Set<ExchangePhase>> FOLLOWING = following();

  /** Whether the exchange may move from this phase to {@code next}. */
  boolean canMoveTo(ExchangePhase next) {
    return next == DONE || FOLLOWING.get(this).contains(next);
  }

  private static Map<ExchangePhase, Set<ExchangePhase>> following() {
    Map<ExchangePhase, Set<ExchangePhase>> following = new EnumMap<>(ExchangePhase.class);
    for (ExchangePhase phase : values()) {
      following.put(phase, phase.next());
    }
    return following;
  }

  private Set<ExchangePhase> next() {
    return switch (this) {
      case READING_BODY -> EnumSet.of(CHOOSING);
      case CHOOSING -> EnumSet.of(CONNECTING);
      // After a failed try: the same backend on a fresh connection, or another backend.
      case CONNECTING -> EnumSet.of(SENDING, CONNECTING, CHOOSING);
      // An engine may answer before it has read the whole body (an early 413, say).
      case SENDING, AWAITING_HEADERS ->
          EnumSet.of(AWAITING_HEADERS, RELAYING, CONNECTING, CHOOSING);
      case RELAYING -> EnumSet.of(RESUMING);
      case RESUMING -> EnumSet.of(RELAYING, RESUMING);
      case DONE -> EnumSet.noneOf(ExchangePhase.class);
    };
  }
}
