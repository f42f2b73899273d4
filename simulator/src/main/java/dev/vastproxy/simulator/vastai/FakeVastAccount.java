package dev.vastproxy.simulator.vastai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * The account behind the fake vast.ai API: its instances, the label and destroy calls it applied,
 * the faults still to show, and the answers vast.ai would give. Thread-safe.
 */
final class FakeVastAccount {
  /** vast.ai's largest page. */
  static final int MAX_PAGE = 25;

  /** vast.ai's page size for a limit of 0 or less. */
  static final int SMALL_PAGE = 5;

  /** vast.ai's longest label. */
  static final int MAX_LABEL = 1024;

  private static final String TOKEN_PREFIX = "after:";

  private final ObjectMapper json;
  private final TreeMap<Long, ObjectNode> instances = new TreeMap<>();
  private final List<LabelCall> labelCalls = new ArrayList<>();
  private final List<Long> destroyed = new ArrayList<>();
  private final Map<VastRoute, Deque<VastFault>> faults = new EnumMap<>(VastRoute.class);
  private final Map<VastRoute, Integer> requests = new EnumMap<>(VastRoute.class);
  private final List<StateCall> stateCalls = new ArrayList<>();
  private final Map<Long, JsonNode> parkedPorts = new HashMap<>();
  private final Map<Long, PowerSwitch> switches = new HashMap<>();
  private final BiConsumer<Duration, Runnable> later;
  private Duration bootTime = Duration.ofSeconds(2);
  private boolean nullWhenEmpty;

  /**
   * @param later runs a task after a delay (a start's boot)
   */
  FakeVastAccount(ObjectMapper json, BiConsumer<Duration, Runnable> later) {
    this.json = json;
    this.later = later;
  }

  /** What an instance's engine does when the instance stops and when it has booted again. */
  interface PowerSwitch {
    /** The container stopped: the engine stops answering. */
    void off();

    /** The container booted: the engine answers again. */
    void on();
  }

  synchronized void bind(long id, PowerSwitch power) {
    switches.put(id, power);
  }

  synchronized void bootTime(Duration value) {
    this.bootTime = value;
  }

  synchronized List<StateCall> stateCalls() {
    return List.copyOf(stateCalls);
  }

  /**
   * Replaces a row with fresh figures but keeps what the API owns: the label and the states (and no
   * ports while not running). An instance destroyed meanwhile stays gone.
   */
  synchronized boolean refresh(ObjectNode fresh) {
    long id = fresh.path("id").asLong();
    ObjectNode current = instances.get(id);
    if (current == null) {
      return false;
    }
    ObjectNode row = fresh.deepCopy();
    for (String owned :
        List.of("label", "actual_status", "intended_status", "cur_state", "next_state")) {
      row.set(owned, current.get(owned));
    }
    if (!"running".equals(current.path("actual_status").asText())) {
      row.putNull("ports");
      row.putNull("gpu_util");
      row.putNull("gpu_temp");
    }
    instances.put(id, row);
    return true;
  }

  synchronized void put(ObjectNode row) {
    JsonNode id = row.get("id");
    if (id == null || !id.canConvertToLong() || !id.isIntegralNumber() || id.asLong() <= 0) {
      throw new IllegalArgumentException("an instance row needs a positive integer id");
    }
    instances.put(id.asLong(), row.deepCopy());
  }

  synchronized boolean remove(long id) {
    return instances.remove(id) != null;
  }

  synchronized Optional<ObjectNode> row(long id) {
    return Optional.ofNullable(instances.get(id)).map(ObjectNode::deepCopy);
  }

  synchronized List<Long> ids() {
    return List.copyOf(instances.keySet());
  }

  synchronized void setField(long id, String field, JsonNode value) {
    ObjectNode row = instances.get(id);
    if (row == null) {
      throw new IllegalArgumentException("no instance " + id);
    }
    row.set(field, value);
  }

  synchronized List<LabelCall> labelCalls() {
    return List.copyOf(labelCalls);
  }

  synchronized List<Long> destroyed() {
    return List.copyOf(destroyed);
  }

  synchronized void nullWhenEmpty(boolean value) {
    this.nullWhenEmpty = value;
  }

  synchronized void addFaults(VastRoute route, int count, VastFault fault) {
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative, got " + count);
    }
    Deque<VastFault> queue = faults.computeIfAbsent(route, r -> new ArrayDeque<>());
    for (int i = 0; i < count; i++) {
      queue.addLast(fault);
    }
  }

  synchronized void clearFaults() {
    faults.clear();
  }

  synchronized int requests(VastRoute route) {
    return requests.getOrDefault(route, 0);
  }

  /** Counts an authorised call and takes the next fault queued for its route, if any. */
  synchronized Optional<VastFault> arrive(VastRoute route) {
    requests.merge(route, 1, Integer::sum);
    Deque<VastFault> queue = faults.get(route);
    return queue == null ? Optional.empty() : Optional.ofNullable(queue.pollFirst());
  }

  /** One page of {@code GET /api/v1/instances/}, by id ascending. */
  synchronized VastReply list(Optional<String> limitText, Optional<String> afterToken) {
    int limit;
    try {
      limit = limitText.map(String::strip).map(Integer::parseInt).orElse(MAX_PAGE);
    } catch (NumberFormatException e) {
      return VastReply.error(400, "invalid_args", "limit must be an integer");
    }
    limit = limit <= 0 ? SMALL_PAGE : Math.min(limit, MAX_PAGE);
    long after = 0;
    if (afterToken.isPresent() && !afterToken.get().isEmpty()) {
      Optional<Long> decoded = decode(afterToken.get());
      if (decoded.isEmpty()) {
        return VastReply.error(400, "invalid_token", "after_token is not a valid page token");
      }
      after = decoded.get();
    }
    List<ObjectNode> page = new ArrayList<>();
    for (ObjectNode row : instances.tailMap(after, false).values()) {
      if (page.size() == limit) {
        break;
      }
      page.add(row);
    }
    boolean more =
        !page.isEmpty()
            && instances.higherKey(page.get(page.size() - 1).get("id").asLong()) != null;
    ObjectNode body = json.createObjectNode();
    body.put("success", true);
    body.put("instances_found", page.size());
    body.put("total_instances", instances.size());
    body.set("label_counts", labelCounts());
    if (more) {
      body.put("next_token", encode(page.get(page.size() - 1).get("id").asLong()));
    } else {
      body.putNull("next_token");
    }
    if (page.isEmpty() && nullWhenEmpty) {
      body.putNull("instances");
    } else {
      ArrayNode rows = body.putArray("instances");
      page.forEach(rows::add);
    }
    return VastReply.json(200, body);
  }

  /** {@code GET /api/v0/instances/{id}/}: the row, or {@code null} (HTTP 200) when unknown. */
  synchronized VastReply show(long id) {
    ObjectNode body = json.createObjectNode();
    ObjectNode row = instances.get(id);
    if (row == null) {
      body.putNull("instances");
    } else {
      body.set("instances", row.deepCopy());
    }
    return VastReply.json(200, body);
  }

  /**
   * {@code PUT /api/v0/instances/{id}/} with {@code {"label": "..."}} or {@code {"state":
   * "stopped"|"running"}}.
   */
  synchronized VastReply manage(long id, String requestBody) {
    JsonNode request;
    try {
      request = json.readTree(requestBody);
    } catch (JsonProcessingException e) {
      return VastReply.error(400, "invalid_request", "the body is not JSON");
    }
    if (request != null && request.isObject() && request.has("state")) {
      return state(id, request.get("state"));
    }
    return label(id, request);
  }

  private VastReply state(long id, JsonNode stateNode) {
    String state = stateNode.isTextual() ? stateNode.asText() : "";
    if (!state.equals("stopped") && !state.equals("running")) {
      return VastReply.error(400, "invalid_args", "state must be stopped or running");
    }
    ObjectNode row = instances.get(id);
    if (row == null) {
      return noSuchInstance(id);
    }
    stateCalls.add(new StateCall(id, state));
    PowerSwitch power = switches.get(id);
    if (state.equals("stopped")) {
      if (!row.path("ports").isNull()) {
        parkedPorts.put(id, row.get("ports"));
      }
      setStates(row, "stopped", "stopped");
      row.putNull("ports");
      row.putNull("gpu_util");
      row.putNull("gpu_temp");
      if (power != null) {
        power.off();
      }
    } else if (!"running".equals(row.path("actual_status").asText())) {
      setStates(row, "loading", "running");
      Duration boot = bootTime;
      later.accept(boot, () -> booted(id));
    }
    ObjectNode body = json.createObjectNode();
    body.put("success", true);
    body.put("msg", "instance " + id + " " + state);
    return VastReply.json(200, body);
  }

  private synchronized void booted(long id) {
    ObjectNode row = instances.get(id);
    if (row == null || !"running".equals(row.path("intended_status").asText())) {
      return;
    }
    setStates(row, "running", "running");
    JsonNode ports = parkedPorts.remove(id);
    if (ports != null) {
      row.set("ports", ports);
    }
    PowerSwitch power = switches.get(id);
    if (power != null) {
      power.on();
    }
  }

  private static void setStates(ObjectNode row, String actual, String intended) {
    row.put("actual_status", actual);
    row.put("intended_status", intended);
    row.put("cur_state", intended);
    row.put("next_state", intended);
  }

  private VastReply label(long id, JsonNode request) {
    if (request == null || !request.isObject() || !request.has("label")) {
      return VastReply.error(400, "invalid_args", "send a label or a state");
    }
    JsonNode labelNode = request.get("label");
    if (!labelNode.isTextual() && !labelNode.isNull()) {
      return VastReply.error(400, "invalid_args", "label must be a string");
    }
    String label = labelNode.isNull() ? "" : labelNode.asText();
    if (label.length() > MAX_LABEL) {
      return VastReply.error(
          400, "label_too_long", "Please limit label length to " + MAX_LABEL + " characters.");
    }
    ObjectNode row = instances.get(id);
    if (row == null) {
      return noSuchInstance(id);
    }
    if (label.isEmpty()) {
      row.putNull("label");
    } else {
      row.put("label", label);
    }
    labelCalls.add(new LabelCall(id, label));
    ObjectNode body = json.createObjectNode();
    body.put("success", true);
    body.put("msg", "label for " + id + " set to '" + label + "'");
    return VastReply.json(200, body);
  }

  /** {@code DELETE /api/v0/instances/{id}/}. */
  synchronized VastReply destroy(long id) {
    if (instances.remove(id) == null) {
      return noSuchInstance(id);
    }
    parkedPorts.remove(id);
    PowerSwitch power = switches.remove(id);
    if (power != null) {
      power.off();
    }
    destroyed.add(id);
    return VastReply.json(200, json.createObjectNode().put("success", true));
  }

  /** {@code GET /api/v0/users/current/}; like vast.ai's, it holds the API key. */
  VastReply currentUser(String apiKey) {
    ObjectNode body = json.createObjectNode();
    body.put("id", 1);
    body.put("key_id", 1);
    body.put("username", "demo");
    body.put("email", "demo@example.invalid");
    body.put("balance", 100.0);
    body.put("credit", 0.0);
    body.put("api_key", apiKey);
    return VastReply.json(200, body);
  }

  private ObjectNode labelCounts() {
    ObjectNode counts = json.createObjectNode();
    for (ObjectNode row : instances.values()) {
      JsonNode label = row.get("label");
      String key = label == null || label.isNull() ? "" : label.asText();
      counts.put(key, counts.path(key).asInt(0) + 1);
    }
    return counts;
  }

  private static VastReply noSuchInstance(long id) {
    return VastReply.error(404, "no_such_instance", "Instance " + id + " not found.");
  }

  private static String encode(long lastId) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((TOKEN_PREFIX + lastId).getBytes(StandardCharsets.UTF_8));
  }

  private static Optional<Long> decode(String token) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (!text.startsWith(TOKEN_PREFIX)) {
        return Optional.empty();
      }
      return Optional.of(Long.parseLong(text.substring(TOKEN_PREFIX.length())));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
