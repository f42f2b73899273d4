package dev.vastproxy.simulator.engine;

/** How one endpoint writes a generation's body: the events of a stream, or the whole answer. */
interface BodyFormat {

  /** What a stream sends before its first token (empty for none). */
  String opening();

  /** The SSE event carrying one token. */
  String token(String word);

  /**
   * What ends a stream.
   *
   * @param reason {@code stop}, or {@code abort} when the engine cut it short
   * @param text every token sent, joined
   * @param emitted how many tokens were sent
   */
  String closing(String reason, String text, int emitted);

  /** The whole answer of an unstreamed request, with the same meaning of the arguments. */
  String whole(String reason, String text, int emitted);

  /** The format for a request. */
  static BodyFormat of(GenerationRequest request, String id) {
    return request.api() == EngineApi.RESPONSES
        ? new ResponsesFormat(request, id)
        : new CompletionFormat(request, id);
  }
}
