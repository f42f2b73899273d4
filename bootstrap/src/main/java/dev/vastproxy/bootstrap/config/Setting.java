package dev.vastproxy.bootstrap.config;

/** Every setting that has a value: its flag, its environment variable and its default. */
public enum Setting {
  VAST_API_KEY(
      "--vast-api-key",
      "VAST_API_KEY",
      "",
      "vast.ai API key, sent as Authorization: Bearer (required unless --demo)"),
  SSH_KEY_PATH(
      "--ssh-key-path",
      "SSH_KEY_PATH",
      "~/.ssh/id_rsa",
      "private key for GPU probing; ~/.ssh/id_ed25519 and ~/.ssh/id_ecdsa are tried too"),
  LISTEN_ADDR(
      "--listen-addr",
      "LISTEN_ADDR",
      "127.0.0.1:8080",
      "where the proxy listens; :8080 means all interfaces"),
  API_KEYS(
      "--api-keys",
      "VASTPROXY_API_KEYS",
      "",
      "comma-separated keys that clients must send as Authorization: Bearer <key>"),
  LABEL(
      "--label",
      "VASTPROXY_LABEL",
      "proxied",
      "vast.ai label set on healthy instances; none disables labelling"),
  POLL_INTERVAL("--poll-interval", "VASTPROXY_POLL_INTERVAL", "10s", "vast.ai discovery period"),
  HEALTH_INTERVAL(
      "--health-interval",
      "VASTPROXY_HEALTH_INTERVAL",
      "5s",
      "per-backend health and GPU probe period"),
  TRANSPORT(
      "--transport",
      "VASTPROXY_TRANSPORT",
      "direct",
      "direct (HTTP to the instance's mapped port) or ssh-tunnel"),
  POLICY(
      "--policy",
      "VASTPROXY_POLICY",
      "least-load",
      "backend choice: least-load (engine-reported load and measured speed), round-robin,"
          + " least-requests or power-of-two"),
  LOAD_INTERVAL(
      "--load-interval",
      "VASTPROXY_LOAD_INTERVAL",
      "1s",
      "how often each healthy engine's load (/metrics, SGLang's /v1/loads) is read for least-load"),
  STICKY_LIMIT(
      "--sticky-limit",
      "VASTPROXY_STICKY_LIMIT",
      "32",
      "requests in flight on a pinned instance above which a sticky request goes elsewhere"),
  WAIT_LIMIT(
      "--wait-limit",
      "VASTPROXY_WAIT_LIMIT",
      "30s",
      "how long a request waits for an instance of its model to turn healthy or have room before"
          + " 503 or 429; 0s answers at once (0s to 10m)"),
  WAIT_MAX(
      "--wait-max",
      "VASTPROXY_WAIT_MAX",
      "1000",
      "requests that may wait at once; more are answered at once (0 to 1000000)"),
  QUEUE_LIMIT(
      "--queue-limit",
      "VASTPROXY_QUEUE_LIMIT",
      "64",
      "queued requests an engine may report before it is full; while every instance of a model is"
          + " full new requests for it wait; 0 never counts an engine as full"),
  HEADER_TIMEOUT(
      "--header-timeout",
      "VASTPROXY_HEADER_TIMEOUT",
      "30s",
      "time a client has from the first byte of its request headers to their end; slower ones are"
          + " disconnected"),
  KEEPALIVE_IDLE(
      "--keepalive-idle",
      "VASTPROXY_KEEPALIVE_IDLE",
      "120s",
      "time a client connection may sit idle between requests before it is closed (never cuts a"
          + " request in flight)"),
  BODY_MEMORY(
      "--body-memory",
      "VASTPROXY_BODY_MEMORY",
      "256MiB",
      "memory that request bodies read to find their model may take, all requests together;"
          + " beyond it such requests get 503 (KiB, MiB, GiB or bytes)"),
  RETRIES(
      "--retries",
      "VASTPROXY_RETRIES",
      "2",
      "times a request whose instance failed before answering (502, 503, 429, connection lost)"
          + " is sent to another instance"),
  RESUMES(
      "--resumes",
      "VASTPROXY_RESUMES",
      "2",
      "times a broken chat or text completion stream is continued on another instance; 0 turns"
          + " resume off"),
  REPLICA(
      "--replica",
      "VASTPROXY_REPLICA",
      "",
      "name of this replica in the status API and /metrics (letters, digits, . _ : -); default the"
          + " host name"),
  DRAIN_DELAY(
      "--drain-delay",
      "VASTPROXY_DRAIN_DELAY",
      "5s",
      "on SIGTERM: how long /readyz answers 503 while requests are still served, so balancers stop"
          + " sending before the proxy stops accepting (0s to 10m)"),
  SHUTDOWN_GRACE(
      "--shutdown-grace",
      "VASTPROXY_SHUTDOWN_GRACE",
      "30s",
      "on SIGTERM, after the drain delay: how long in-flight requests may run on (0s to 1h)"),
  OTLP_ENDPOINT(
      "--otlp-endpoint",
      "VASTPROXY_OTLP_ENDPOINT",
      "",
      "where to send a trace span per proxied request, OTLP over HTTP (e.g."
          + " http://127.0.0.1:4318); unset: OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT, else no"
          + " tracing; none turns it off"),
  VAST_API_URL(
      "--vast-api-url", "VAST_API_URL", "https://console.vast.ai", "base URL of the vast.ai API");

  private final String flag;
  private final String envVar;
  private final String defaultValue;
  private final String description;

  Setting(String flag, String envVar, String defaultValue, String description) {
    this.flag = flag;
    this.envVar = envVar;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  /** The command-line flag, e.g. {@code --listen-addr}. */
  public String flag() {
    return flag;
  }

  /** The environment variable, e.g. {@code LISTEN_ADDR}. */
  public String envVar() {
    return envVar;
  }

  /** The value when nothing sets it; empty when there is none. */
  public String defaultValue() {
    return defaultValue;
  }

  /** What it means. */
  public String description() {
    return description;
  }
}
