package dev.vastproxy.bench.report;

/** The report's method section: how each proxy is configured and how CPU and memory are read. */
final class MethodSection extends ReportSection {
  MethodSection(ReportText document) {
    super(document, "Method");
  }

  @Override
  void body() {
    line(
        "- nginx: `worker_processes` = workers, upstream `keepalive 1024`, `proxy_http_version"
            + " 1.1`, `proxy_buffering off`, `worker_connections` counting client and upstream"
            + " sockets, access log off.");
    line(
        "- HAProxy: `nbthread` = workers, `option http-no-delay` (without it SSE flushes are held"
            + " up to 200 ms), `http-reuse always`, `balance roundrobin`.");
    line(
        "- vastproxy: the runnable jar in its own JVM, discovering the mock engines through the"
            + " fake vast.ai API (`FakeVastApi`) as it would discover a real fleet; each engine"
            + " checks the instance's bearer token. Every proxy balances over the same engines;"
            + " direct streams alternate between them, direct wrk/hey load goes to the first.");
    line(
        "- CPU: utime+stime of the proxy's process tree from `/proc/<pid>/stat`; RSS from"
            + " `/proc/<pid>/status`, sampled every 250 ms. Foreign CPU: the machine's busy time"
            + " (`/proc/stat`) minus the harness's whole process tree (which holds the proxies,"
            + " wrk and hey).");
    line(
        "- Heap per request or event (vastproxy only): `jvm_allocated_bytes_total` from its"
            + " `/metrics` (the heap every thread allocated, exact) before and after each"
            + " measurement, divided by the requests or the forwarded events; the two scrapes"
            + " themselves are counted too (a few tens of KiB).");
    line();
  }
}
