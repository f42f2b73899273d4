package dev.vastproxy.adapters.http.relay;

import dev.vastproxy.adapters.http.front.OpenAiErrors;
import dev.vastproxy.application.port.in.HoldRequestUseCase;
import dev.vastproxy.application.port.in.HoldRequestUseCase.HeldRequest;
import dev.vastproxy.application.port.in.HoldRequestUseCase.HoldReason;
import dev.vastproxy.domain.routing.RoutingDecision;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.xnio.XnioExecutor;
import org.xnio.XnioIoThread;

/**
 * One proxied request's stay in the waiting room, kept on its exchange's IO thread: held (a
 * callback in the room and a timer on the IO thread, never a sleeping thread) while no backend can
 * take it, routed again on its IO thread when the room wakes it, and routed a last time when its
 * time is up, which then refuses it. Its time counts from the first hold, however often it is woken
 * and held again.
 */
final class WaitingPlace {
  /** Retry-After, in seconds, for a request refused at once. */
  static final String RETRY_AT_ONCE = "1";

  /** Retry-After, in seconds, for a request that waited its whole time in vain. */
  static final String RETRY_AFTER_WAIT = "5";

  private final HoldRequestUseCase room;
  private final XnioIoThread thread;
  private long deadline;
  private long heldAt;
  private long leftAt;
  private boolean waited;
  private boolean expired;
  private Object current;
  private HeldRequest place;
  private XnioExecutor.Key timer;

  WaitingPlace(HoldRequestUseCase room, XnioIoThread thread) {
    this.room = room;
    this.thread = thread;
  }

  /**
   * Holds a request whose route went nowhere; {@code route} runs later on the IO thread, when a
   * backend may take it or its time is up. False when it is not held: the room is closed or full,
   * or its time is up.
   */
  boolean hold(Optional<String> model, RoutingDecision decision, Runnable route) {
    if (expired) {
      return false;
    }
    long now = System.nanoTime();
    if (!waited) {
      Duration limit = room.limit();
      if (limit.isZero()) {
        return false;
      }
      deadline = now + limit.toNanos();
      heldAt = now;
    }
    long left = deadline - now;
    if (left <= 0) {
      return false;
    }
    Object token = new Object();
    HoldReason reason =
        decision instanceof RoutingDecision.Overloaded
            ? HoldReason.OVERLOADED
            : HoldReason.UNAVAILABLE;
    // The room wakes from a fleet or timer thread: the request goes on on its own IO thread.
    Optional<HeldRequest> held =
        room.hold(model, reason, () -> thread.execute(() -> woken(token, route)));
    if (held.isEmpty()) {
      return false;
    }
    waited = true;
    current = token;
    place = held.get();
    if (timer == null) {
      timer = thread.executeAfter(() -> timeUp(route), left, TimeUnit.NANOSECONDS);
    }
    return true;
  }

  private void woken(Object token, Runnable route) {
    // Only the latest hold's wake counts: one the request left (routed, refused, gone) does not.
    if (current == token) {
      current = null;
      place = null;
      route.run();
    }
  }

  private void timeUp(Runnable route) {
    timer = null;
    expired = true;
    if (current != null) {
      leave();
      route.run();
    }
  }

  /** Leaves the room at once (routed, refused, or the client left); again does nothing. */
  void leave() {
    if (waited && leftAt == 0) {
      leftAt = System.nanoTime();
    }
    current = null;
    if (place != null) {
      place.leave();
      place = null;
    }
    if (timer != null) {
      timer.remove();
      timer = null;
    }
  }

  /** How long the request was held, from its first hold to leaving the room; 0 if never held. */
  long heldNanos() {
    if (!waited) {
      return 0;
    }
    return (leftAt == 0 ? System.nanoTime() : leftAt) - heldAt;
  }

  /** The Retry-After for a refusal now. */
  String retryAfter() {
    return waited ? RETRY_AFTER_WAIT : RETRY_AT_ONCE;
  }

  /** The status that refuses a request whose route went nowhere: 429 when full, else 503. */
  static int status(RoutingDecision decision) {
    return decision instanceof RoutingDecision.Overloaded ? 429 : 503;
  }

  /** The error body that refuses a request whose route went nowhere. */
  static byte[] body(RoutingDecision decision) {
    if (decision instanceof RoutingDecision.Overloaded overloaded) {
      return OpenAiErrors.overloaded(overloaded.model());
    }
    return decision instanceof RoutingDecision.ModelUnavailable unavailable
        ? OpenAiErrors.modelUnavailable(unavailable.model())
        : OpenAiErrors.noBackends();
  }
}
