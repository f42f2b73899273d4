package dev.vastproxy.simulator.engine;

import dev.vastproxy.simulator.ChatChunks;

/** Chat and text completion bodies, as vLLM and SGLang write them. */
final class CompletionFormat implements BodyFormat {
  private final GenerationRequest request;
  private final String id;
  private final boolean chat;

  CompletionFormat(GenerationRequest request, String id) {
    this.request = request;
    this.id = "cmpl-" + id;
    this.chat = request.api() == EngineApi.CHAT;
  }

  @Override
  public String opening() {
    return "";
  }

  @Override
  public String token(String word) {
    String json;
    if (chat) {
      json =
          request.timestamps()
              ? ChatChunks.chatChunk(id, request.model(), word, System.nanoTime())
              : ChatChunks.chatChunk(id, request.model(), word);
    } else {
      json = textChunk(word);
    }
    return ChatChunks.frame(json);
  }

  @Override
  public String closing(String reason, String text, int emitted) {
    StringBuilder tail = new StringBuilder();
    tail.append(ChatChunks.frame(finalChunk(reason)));
    if (request.includeUsage()) {
      tail.append(ChatChunks.frame(usageChunk(emitted)));
    }
    return tail.append(ChatChunks.DONE).toString();
  }

  @Override
  public String whole(String reason, String text, int emitted) {
    String choice =
        chat
            ? "{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
                + JsonText.quote(text)
                + "},\"finish_reason\":\""
                + reason
                + "\"}"
            : "{\"index\":0,\"text\":"
                + JsonText.quote(text)
                + ",\"finish_reason\":\""
                + reason
                + "\"}";
    return "{\"id\":\""
        + id
        + "\",\"object\":\""
        + (chat ? "chat.completion" : "text_completion")
        + "\",\"created\":1786003700,\"model\":"
        + JsonText.quote(request.model())
        + ",\"choices\":["
        + choice
        + "],\"usage\":"
        + usage(emitted)
        + "}";
  }

  private String textChunk(String word) {
    return "{\"id\":\""
        + id
        + "\",\"object\":\"text_completion\",\"created\":1786003700,\"model\":"
        + JsonText.quote(request.model())
        + ",\"choices\":[{\"index\":0,\"text\":"
        + JsonText.quote(word)
        + ",\"finish_reason\":null}]"
        + (request.timestamps() ? ",\"t\":" + System.nanoTime() : "")
        + "}";
  }

  private String finalChunk(String reason) {
    String object = chat ? "chat.completion.chunk" : "text_completion";
    String choice =
        chat
            ? "{\"index\":0,\"delta\":{},\"finish_reason\":\"" + reason + "\"}"
            : "{\"index\":0,\"text\":\"\",\"finish_reason\":\"" + reason + "\"}";
    return "{\"id\":\""
        + id
        + "\",\"object\":\""
        + object
        + "\",\"created\":1786003700,\"model\":"
        + JsonText.quote(request.model())
        + ",\"choices\":["
        + choice
        + "]}";
  }

  private String usageChunk(int emitted) {
    return "{\"id\":\""
        + id
        + "\",\"object\":\"chat.completion.chunk\",\"created\":1786003700,"
        + "\"model\":"
        + JsonText.quote(request.model())
        + ",\"choices\":[],\"usage\":"
        + usage(emitted)
        + "}";
  }

  private String usage(int emitted) {
    int prompt = request.promptTokens();
    return "{\"prompt_tokens\":"
        + prompt
        + ",\"completion_tokens\":"
        + emitted
        + ",\"total_tokens\":"
        + (prompt + emitted)
        + "}";
  }
}
