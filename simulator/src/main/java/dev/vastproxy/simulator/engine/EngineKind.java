package dev.vastproxy.simulator.engine;

/** Which engine a fake engine imitates. */
public enum EngineKind {
  /** SGLang: has {@code POST /abort_request}. */
  SGLANG("sglang"),
  /** vLLM: aborts a request only when its connection closes. */
  VLLM("vllm");

  private final String ownedBy;

  EngineKind(String ownedBy) {
    this.ownedBy = ownedBy;
  }

  /** The {@code owned_by} field of its model list. */
  public String ownedBy() {
    return ownedBy;
  }
}
