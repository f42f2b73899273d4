package dev.vastproxy.simulator.vastai;

/** The calls the fake vast.ai API answers, for fault injection and request counts. */
public enum VastRoute {
  /** {@code GET /api/v1/instances/}. */
  LIST,
  /** {@code GET /api/v0/instances/{id}/}. */
  SHOW,
  /** {@code PUT /api/v0/instances/{id}/}: a label, or a state (stop, start). */
  LABEL,
  /** {@code DELETE /api/v0/instances/{id}/}. */
  DESTROY,
  /** {@code GET /api/v0/users/current/}. */
  CURRENT_USER,
  /** {@code GET /api/v0/instances/}: the retired list, always HTTP 410. */
  LIST_V0
}
