package dev.vastproxy.application.port.in;

import dev.vastproxy.domain.cost.TokensServed;
import dev.vastproxy.domain.instance.InstanceId;

/**
 * Records the tokens an instance served for one answer, for its cost per token. Called on IO
 * threads once per answer: never blocks.
 */
public interface RecordTokensUseCase {

  /** The instance {@code backend} served {@code tokens} (an answer, or its part of a resume). */
  void served(InstanceId backend, TokensServed tokens);
}
