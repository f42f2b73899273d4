package dev.vastproxy.domain.backend;

import dev.vastproxy.domain.cost.TokenCost;
import dev.vastproxy.domain.endpoint.Endpoint;
import dev.vastproxy.domain.endpoint.EndpointResolver;
import dev.vastproxy.domain.endpoint.Scheme;
import dev.vastproxy.domain.endpoint.Transport;
import dev.vastproxy.domain.instance.Engine;
import dev.vastproxy.domain.instance.Instance;
import dev.vastproxy.domain.instance.InstanceId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An instance enrolled in the fleet: what vast.ai says of it, how to reach it, its state since
 * when, the models it serves and its GPUs. Immutable; every change gives a new backend that shares
 * the same live {@link BackendLoad}.
 *
 * @param instance the instance as last listed
 * @param engine the engine its environment names
 * @param containerPort where the engine listens inside the container
 * @param transport how the proxy reaches it
 * @param endpoint where its HTTP server answers, once known
 * @param state where it is in its life
 * @param since when it entered that state
 * @param reason why it is in that state (for CONNECTING and UNHEALTHY: the latest failed check)
 * @param cards the models its last good health check listed, first one first, as the engine listed
 *     them
 * @param gpu its GPU figures over SSH
 * @param load its live request counters
 */
public record Backend(
    Instance instance,
    Engine engine,
    int containerPort,
    Transport transport,
    Optional<Endpoint> endpoint,
    BackendState state,
    Instant since,
    StateReason reason,
    List<ModelCard> cards,
    GpuTelemetry gpu,
    BackendLoad load) {

  public Backend {
    Objects.requireNonNull(instance, "instance");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(reason, "reason");
    cards = List.copyOf(cards);
    Objects.requireNonNull(gpu, "gpu");
    Objects.requireNonNull(load, "load");
  }

  /** A newly listed instance, not probed yet. */
  public static Backend discovered(Instance instance, Transport transport, Instant now) {
    return new Backend(
        instance,
        instance.engine(),
        EndpointResolver.containerPort(instance),
        transport,
        transport == Transport.DIRECT ? EndpointResolver.direct(instance) : Optional.empty(),
        BackendState.DISCOVERED,
        now,
        StateReason.listed(),
        List.of(),
        GpuTelemetry.none(),
        new BackendLoad(now));
  }

  /** The instance id. */
  public InstanceId id() {
    return instance.id();
  }

  /** Which enrolment of the instance this is: a re-discovered instance is a new incarnation. */
  public long incarnation() {
    return load.incarnation();
  }

  /**
   * Moves to another state for a reason, stamped with the time. Staying in the same state changes
   * nothing, not even the reason.
   *
   * @throws IllegalStateException when the move is not allowed
   */
  public Backend transitionTo(BackendState next, Instant now, StateReason why) {
    if (next == state) {
      return this;
    }
    if (!state.canTransitionTo(next)) {
      throw new IllegalStateException(
          "backend " + id() + " cannot go from " + state + " to " + next);
    }
    return new Backend(
        instance, engine, containerPort, transport, endpoint, next, now, why, cards, gpu, load);
  }

  /** A first probe is under way: DISCOVERED becomes CONNECTING; other states stay. */
  public Backend startConnecting(Instant now) {
    return state == BackendState.DISCOVERED
        ? transitionTo(
            BackendState.CONNECTING,
            now,
            StateReason.of(StateReason.Cause.PROBING, "first health check"))
        : this;
  }

  /** A health check listed these models: the backend becomes (or stays) HEALTHY. */
  public Backend markHealthy(List<ModelCard> servedModels, Instant now) {
    if (state == BackendState.REMOVING) {
      return this;
    }
    Backend connected = startConnecting(now).withModels(servedModels);
    int count = servedModels.size();
    return connected.transitionTo(
        BackendState.HEALTHY,
        now,
        StateReason.of(
            StateReason.Cause.MODEL_LIST,
            "GET /v1/models listed " + count + (count == 1 ? " model" : " models")));
  }

  /**
   * A health check or a proxied request failed: HEALTHY becomes UNHEALTHY; a backend still
   * connecting or already unhealthy stays so but keeps the latest reason, so that it shows why it
   * is not healthy yet; REMOVING stays as it is.
   */
  public Backend markFailed(Instant now, StateReason why) {
    return switch (state) {
      case HEALTHY -> transitionTo(BackendState.UNHEALTHY, now, why);
      case CONNECTING, UNHEALTHY -> withReason(why);
      default -> this;
    };
  }

  private Backend withReason(StateReason why) {
    if (why.equals(reason)) {
      return this;
    }
    return new Backend(
        instance, engine, containerPort, transport, endpoint, state, since, why, cards, gpu, load);
  }

  /**
   * The same backend after vast.ai listed changed fields. A direct endpoint is resolved again; an
   * HTTPS upgrade survives when the address did not change; a tunnel endpoint is kept.
   */
  public Backend withInstance(Instance updated) {
    if (!updated.id().equals(id())) {
      throw new IllegalArgumentException("instance " + updated.id() + " is not backend " + id());
    }
    if (updated.equals(instance)) {
      return this;
    }
    Optional<Endpoint> nextEndpoint;
    if (transport == Transport.DIRECT) {
      nextEndpoint =
          EndpointResolver.direct(updated)
              .map(
                  resolved ->
                      endpoint.isPresent()
                              && endpoint.get().withScheme(Scheme.HTTP).sameAddress(resolved)
                          ? resolved.withScheme(endpoint.get().scheme())
                          : resolved);
    } else {
      nextEndpoint =
          endpoint.map(
              tunnel ->
                  new Endpoint(
                      tunnel.scheme(), tunnel.host(), tunnel.port(), updated.bearerToken()));
    }
    return new Backend(
        updated,
        updated.engine(),
        EndpointResolver.containerPort(updated),
        transport,
        nextEndpoint,
        state,
        since,
        reason,
        cards,
        gpu,
        load);
  }

  /** The same backend reached somewhere else (an HTTPS upgrade, a tunnel). */
  public Backend withEndpoint(Optional<Endpoint> newEndpoint) {
    return new Backend(
        instance,
        engine,
        containerPort,
        transport,
        newEndpoint,
        state,
        since,
        reason,
        cards,
        gpu,
        load);
  }

  /** The same backend serving other models. */
  public Backend withModels(List<ModelCard> servedModels) {
    if (servedModels.equals(cards)) {
      return this;
    }
    return new Backend(
        instance,
        engine,
        containerPort,
        transport,
        endpoint,
        state,
        since,
        reason,
        servedModels,
        gpu,
        load);
  }

  /** The same backend with new GPU figures. */
  public Backend withGpu(GpuTelemetry telemetry) {
    return new Backend(
        instance,
        engine,
        containerPort,
        transport,
        endpoint,
        state,
        since,
        reason,
        cards,
        telemetry,
        load);
  }

  /** Whether requests may be sent to it now. */
  public boolean isRoutable() {
    return state == BackendState.HEALTHY && endpoint.isPresent();
  }

  /** The ids of the models it serves, first one first. */
  public List<String> models() {
    return cards.stream().map(ModelCard::id).toList();
  }

  /** Whether it serves the model. */
  public boolean serves(String model) {
    for (ModelCard card : cards) {
      if (card.id().equals(model)) {
        return true;
      }
    }
    return false;
  }

  /** The model it serves first, the one a dashboard shows. */
  public Optional<String> primaryModel() {
    return cards.isEmpty() ? Optional.empty() : Optional.of(cards.get(0).id());
  }

  /**
   * How long it has been enrolled at {@code now}, serving or idle: billed time. A removed backend's
   * time stops when it was removed; zero if the clock went back.
   */
  public Duration timeEnrolled(Instant now) {
    Instant end = state == BackendState.REMOVING && since.isBefore(now) ? since : now;
    Duration enrolled = Duration.between(load.enrolledAt(), end);
    return enrolled.isNegative() ? Duration.ZERO : enrolled;
  }

  /**
   * What its tokens cost at {@code now}: its {@code dph_total} (the price last listed) over its
   * time enrolled.
   */
  public TokenCost cost(Instant now) {
    return TokenCost.of(instance.dollarsPerHour(), timeEnrolled(now), load.tokens().tally());
  }

  /** How long it has been in its state; zero if the clock went back. */
  public Duration timeInState(Instant now) {
    Duration elapsed = Duration.between(since, now);
    return elapsed.isNegative() ? Duration.ZERO : elapsed;
  }
}
