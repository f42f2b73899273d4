package dev.vastproxy.application.service;

import dev.vastproxy.application.port.in.RecordTokensUseCase;
import dev.vastproxy.domain.cost.TokensServed;
import dev.vastproxy.domain.fleet.Fleet;
import dev.vastproxy.domain.instance.InstanceId;

/**
 * Credits each answer's tokens to the enrolment of the instance that served it: a look-up in the
 * current fleet snapshot (any state, so an answer that ends after its instance was unlisted still
 * counts) and lock-free adds, so it suits the request path.
 */
public final class TokenAccountingService implements RecordTokensUseCase {
  private final Fleet fleet;

  public TokenAccountingService(Fleet fleet) {
    this.fleet = fleet;
  }

  @Override
  public void served(InstanceId backend, TokensServed tokens) {
    fleet.snapshot().backend(backend).ifPresent(b -> b.load().tokens().add(tokens));
  }
}
