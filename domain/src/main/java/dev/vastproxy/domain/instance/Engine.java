package dev.vastproxy.domain.instance;

/** The inference server an instance runs, as told by its environment. */
public enum Engine {
  SGLANG("SGLang"),
  VLLM("vLLM"),
  UNKNOWN("unknown");

  private final String displayName;

  Engine(String displayName) {
    this.displayName = displayName;
  }

  /**
   * {@code SGLANG_ARGS} or {@code SGLANG_MODEL} means SGLang; else {@code VLLM_ARGS} or {@code
   * VLLM_MODEL} means vLLM; else unknown. SGLang wins when both appear.
   */
  public static Engine detect(ExtraEnv env) {
    if (env.contains("SGLANG_ARGS") || env.contains("SGLANG_MODEL")) {
      return SGLANG;
    }
    if (env.contains("VLLM_ARGS") || env.contains("VLLM_MODEL")) {
      return VLLM;
    }
    return UNKNOWN;
  }

  /** Whether the engine can abort all its requests at once ({@code POST /abort_request}). */
  public boolean supportsAbortAll() {
    return this == SGLANG;
  }

  /** The engine's usual name, e.g. {@code vLLM}. */
  public String displayName() {
    return displayName;
  }
}
