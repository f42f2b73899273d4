package dev.vastproxy.simulator.engine;

/**
 * The body of {@code GET /v1/models} as each real engine writes it (see the wire samples in
 * shared/fixtures/engines): vLLM adds a {@code permission} list, SGLang does not.
 */
final class ModelListing {
  private ModelListing() {}

  /**
   * @param createdAt epoch seconds, as the engines stamp each listing
   * @param maxModelLen the context length the engine reports
   */
  static String of(EngineKind kind, String model, long createdAt, int maxModelLen) {
    StringBuilder json = new StringBuilder(512);
    json.append("{\"object\":\"list\",\"data\":[{\"id\":")
        .append(JsonText.quote(model))
        .append(",\"object\":\"model\",\"created\":")
        .append(createdAt)
        .append(",\"owned_by\":\"")
        .append(kind.ownedBy())
        .append("\",\"root\":")
        .append(JsonText.quote(model))
        .append(",\"parent\":null,\"max_model_len\":")
        .append(maxModelLen);
    if (kind == EngineKind.VLLM) {
      json.append(",\"permission\":[{\"id\":\"modelperm-sim\",\"object\":\"model_permission\",")
          .append("\"created\":")
          .append(createdAt)
          .append(",\"allow_create_engine\":false,\"allow_sampling\":true,")
          .append("\"allow_logprobs\":true,\"allow_search_indices\":false,\"allow_view\":true,")
          .append("\"allow_fine_tuning\":false,\"organization\":\"*\",\"group\":null,")
          .append("\"is_blocking\":false}]");
    }
    return json.append("}]}").toString();
  }
}
