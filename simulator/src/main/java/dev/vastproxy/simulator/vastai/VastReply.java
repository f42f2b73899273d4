package dev.vastproxy.simulator.vastai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One answer of the fake vast.ai API.
 *
 * @param status the HTTP status
 * @param contentType the {@code Content-Type}
 * @param body the body
 */
record VastReply(int status, String contentType, String body) {
  static final String JSON = "application/json";

  VastReply {
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
  }

  /** A JSON answer. */
  static VastReply json(int status, JsonNode body) {
    return new VastReply(status, JSON, body.toString());
  }

  /** vast.ai's error envelope: {@code {"success": false, "error": ..., "msg": ...}}. */
  static VastReply error(int status, String error, String msg) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("success", false);
    body.put("error", error);
    body.put("msg", msg);
    return json(status, body);
  }

  /** The answer a fault stands for. */
  static VastReply of(VastFault fault) {
    return new VastReply(fault.status(), fault.contentType(), fault.body());
  }
}
