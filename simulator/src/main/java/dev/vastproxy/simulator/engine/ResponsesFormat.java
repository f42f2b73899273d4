package dev.vastproxy.simulator.engine;

import java.time.Instant;

/**
 * OpenAI Responses API bodies ({@code POST /v1/responses}) as vLLM writes them: a response object,
 * or named SSE events from {@code response.created} to {@code response.completed}, with no {@code
 * [DONE]}.
 */
final class ResponsesFormat implements BodyFormat {
  private final GenerationRequest request;
  private final String id;
  private final String itemId;
  private final long createdAt = Instant.now().getEpochSecond();
  private int sequence;

  ResponsesFormat(GenerationRequest request, String id) {
    this.request = request;
    this.id = "resp_" + id;
    this.itemId = "msg_" + id;
  }

  @Override
  public String opening() {
    String inProgress = response("in_progress", "[]", "null");
    return event("response.created", "\"response\":" + inProgress)
        + event("response.in_progress", "\"response\":" + inProgress)
        + event(
            "response.output_item.added",
            "\"output_index\":0,\"item\":" + item("in_progress", "[]"))
        + event("response.content_part.added", part() + ",\"part\":" + outputText(""));
  }

  @Override
  public String token(String word) {
    return event(
        "response.output_text.delta",
        part()
            + ",\"delta\":"
            + JsonText.quote(word)
            + ",\"logprobs\":[]"
            + (request.timestamps() ? ",\"t\":" + System.nanoTime() : ""));
  }

  @Override
  public String closing(String reason, String text, int emitted) {
    String status = status(reason);
    String content = "[" + outputText(text) + "]";
    String ending = status.equals("completed") ? "response.completed" : "response.incomplete";
    return event(
            "response.output_text.done",
            part() + ",\"text\":" + JsonText.quote(text) + ",\"logprobs\":[]")
        + event("response.content_part.done", part() + ",\"part\":" + outputText(text))
        + event("response.output_item.done", "\"output_index\":0,\"item\":" + item(status, content))
        + event(
            ending,
            "\"response\":" + response(status, "[" + item(status, content) + "]", usage(emitted)));
  }

  @Override
  public String whole(String reason, String text, int emitted) {
    String status = status(reason);
    return response(status, "[" + item(status, "[" + outputText(text) + "]") + "]", usage(emitted));
  }

  private static String status(String reason) {
    return reason.equals("stop") ? "completed" : "incomplete";
  }

  private String event(String type, String fields) {
    return "event: "
        + type
        + "\ndata: {\"type\":\""
        + type
        + "\",\"sequence_number\":"
        + sequence++
        + ","
        + fields
        + "}\n\n";
  }

  private String part() {
    return "\"item_id\":\"" + itemId + "\",\"output_index\":0,\"content_index\":0";
  }

  private static String outputText(String text) {
    return "{\"type\":\"output_text\",\"text\":" + JsonText.quote(text) + ",\"annotations\":[]}";
  }

  private String item(String status, String content) {
    return "{\"id\":\""
        + itemId
        + "\",\"type\":\"message\",\"status\":\""
        + status
        + "\",\"role\":\"assistant\",\"content\":"
        + content
        + "}";
  }

  private String response(String status, String output, String usage) {
    return "{\"id\":\""
        + id
        + "\",\"object\":\"response\",\"created_at\":"
        + createdAt
        + ",\"status\":\""
        + status
        + "\",\"model\":"
        + JsonText.quote(request.model())
        + ",\"output\":"
        + output
        + ",\"incomplete_details\":"
        + (status.equals("incomplete") ? "{\"reason\":\"abort\"}" : "null")
        + ",\"parallel_tool_calls\":true,\"tool_choice\":\"auto\",\"tools\":[],\"usage\":"
        + usage
        + "}";
  }

  private String usage(int emitted) {
    int prompt = request.promptTokens();
    return "{\"input_tokens\":"
        + prompt
        + ",\"input_tokens_details\":{\"cached_tokens\":0},\"output_tokens\":"
        + emitted
        + ",\"output_tokens_details\":{\"reasoning_tokens\":0},\"total_tokens\":"
        + (prompt + emitted)
        + "}";
  }
}
