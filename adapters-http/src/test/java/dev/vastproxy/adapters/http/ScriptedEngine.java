package dev.vastproxy.adapters.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * An engine double on raw sockets, independent of Undertow and of the simulator, whose connection
 * handling a test scripts exactly: how fast it reads a body, whether it answers, whether it closes
 * idle keep-alive connections and when. It records every request it read in full: a request it read
 * is a generation it would have started.
 */
public final class ScriptedEngine implements AutoCloseable {
  /** What the engine does once it has read a whole request. */
  public enum Answer {
    /** A small JSON answer with a length, keeping the connection open. */
    JSON,
    /** A streamed answer of {@link #events} SSE events, chunked, then {@code [DONE]}. */
    STREAM,
    /** Streams its events, then ends the body cleanly but without {@code [DONE]}. */
    STREAM_WITHOUT_DONE,
    /** Closes the connection without a word. */
    CLOSE,
    /** Answers bytes that are not HTTP, then closes. */
    GARBAGE,
    /** Answers 429 Too Many Requests, as an overloaded engine does. */
    TOO_MANY,
    /** Starts a 200 answer whose head never ends: header lines, each under a new name, forever. */
    ENDLESS_HEAD,
    /** A 200 answer with a large head (60 KiB of headers) and a large body (600 KiB). */
    LARGE,
    /** As {@link #LARGE}, the body chunked (with chunk extensions) and 60 KiB of trailers. */
    LARGE_CHUNKED,
    /** A chunked 200 answer whose last chunk is followed by trailers that never end. */
    ENDLESS_TRAILERS,
    /** The bytes given to {@link #raw(String)}, then the connection closes. */
    RAW
  }

  /** How many filler headers {@link Answer#LARGE} sends, each of {@link #FILLER} bytes. */
  public static final int FILLER_HEADERS = 500;

  /** A filler header line's length. */
  public static final int FILLER = 120;

  /** The size of {@link Answer#LARGE}'s body. */
  public static final int LARGE_BODY = 600 * 1024;

  private static String filler(long line) {
    String name = "X-Filler-" + line + ": ";
    return name + "f".repeat(FILLER - name.length() - 2) + "\r\n";
  }

  /** One request as the engine read it. */
  public record Received(String head, byte[] body, int connection) {
    /** The body as text. */
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /** A header's value, or empty. */
    public String header(String name) {
      for (String line : head.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
          return line.substring(colon + 1).trim();
        }
      }
      return "";
    }
  }

  private final ServerSocket server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger endlessAnswers = new AtomicInteger();
  private final AtomicLong endlessBytes = new AtomicLong();
  private volatile Function<Received, Answer> answer = request -> Answer.JSON;
  private volatile int events = 5;
  private volatile Duration eventGap = Duration.ZERO;
  private volatile Duration keepAliveIdle = Duration.ofMinutes(5);
  private volatile int readChunk = 1 << 20;
  private volatile Duration readPause = Duration.ZERO;
  private volatile String model = "tiny-llama";
  private volatile String raw = "";

  public ScriptedEngine() throws IOException {
    server = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
    threads.execute(this::accept);
  }

  public int port() {
    return server.getLocalPort();
  }

  public ScriptedEngine answer(Answer value) {
    this.answer = request -> value;
    return this;
  }

  /** Chooses each answer from the request. */
  public ScriptedEngine answer(Function<Received, Answer> choice) {
    this.answer = choice;
    return this;
  }

  public ScriptedEngine stream(int count, Duration gap) {
    this.events = count;
    this.eventGap = gap;
    return this;
  }

  /** What {@link Answer#RAW} writes, byte for byte (ISO-8859-1). */
  public ScriptedEngine raw(String bytes) {
    this.raw = bytes;
    return this;
  }

  /** Closes a keep-alive connection that stays idle this long after an answer. */
  public ScriptedEngine keepAliveIdle(Duration value) {
    this.keepAliveIdle = value;
    return this;
  }

  /** Reads bodies at most {@code chunk} bytes at a time, pausing between reads. */
  public ScriptedEngine readSlowly(int chunk, Duration pause) {
    this.readChunk = chunk;
    this.readPause = pause;
    return this;
  }

  /** The model its model list names (default tiny-llama). */
  public ScriptedEngine model(String value) {
    this.model = value;
    return this;
  }

  /** Every generation request (any method but GET) read in full, in order. */
  public List<Received> received() {
    return received;
  }

  /** Answers that never end (their head or their trailers) still being written. */
  public int endlessAnswersBeingSent() {
    return endlessAnswers.get();
  }

  /** Bytes written so far by answers that never end, all together. */
  public long endlessBytesSent() {
    return endlessBytes.get();
  }

  /** Connections accepted so far. */
  public int connections() {
    return connections.get();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        sockets.add(socket);
        int id = connections.incrementAndGet();
        threads.execute(() -> serve(socket, id));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket socket, int id) {
    try (socket) {
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      for (boolean first = true; ; first = false) {
        socket.setSoTimeout(first ? 0 : (int) keepAliveIdle.toMillis());
        String head = readHead(in);
        if (head == null) {
          return;
        }
        socket.setSoTimeout(0);
        byte[] body = readBody(in, contentLength(head));
        if (head.startsWith("GET /v1/models ")) {
          listModel(out);
          continue;
        }
        if (head.startsWith("GET ")) {
          // The proxy's load reads (/metrics, /v1/loads): this engine reports no load.
          out.write(
              "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
          out.flush();
          continue;
        }
        Received request = new Received(head, body, id);
        received.add(request);
        if (!respond(out, answer.apply(request))) {
          return;
        }
      }
    } catch (IOException e) {
      // the peer left or the idle limit passed: the connection ends
    } finally {
      sockets.remove(socket);
    }
  }

  private boolean respond(OutputStream out, Answer chosen) throws IOException {
    switch (chosen) {
      case CLOSE:
        return false;
      case RAW:
        out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return false;
      case TOO_MANY:
        byte[] busy = "{\"error\":\"too many requests\"}".getBytes(StandardCharsets.UTF_8);
        out.write(
            ("HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/json\r\n"
                    + "Content-Length: "
                    + busy.length
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(busy);
        out.flush();
        return true;
      case LARGE:
        ascii(out, fillers() + "Content-Length: " + LARGE_BODY + "\r\n\r\n");
        out.write(new byte[LARGE_BODY]);
        out.flush();
        return true;
      case LARGE_CHUNKED:
        ascii(out, fillers() + "Transfer-Encoding: chunked\r\n\r\n");
        for (int sent = 0; sent < LARGE_BODY; sent += LARGE_BODY / 10) {
          ascii(out, Integer.toHexString(LARGE_BODY / 10) + ";part=" + sent + "\r\n");
          out.write(new byte[LARGE_BODY / 10]);
          ascii(out, "\r\n");
        }
        ascii(out, "0\r\n" + fillers().substring("HTTP/1.1 200 OK\r\n".length()) + "\r\n");
        out.flush();
        return true;
      case ENDLESS_HEAD:
        endless(out, "HTTP/1.1 200 OK\r\n");
        return false;
      case ENDLESS_TRAILERS:
        endless(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n");
        return false;
      case GARBAGE:
        out.write("\u0000\u0001 not http at all\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return false;
      case STREAM:
      case STREAM_WITHOUT_DONE:
        out.write(
            ("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        for (int i = 0; i < events; i++) {
          pause(eventGap);
          chunk(out, "data: {\"choices\":[{\"delta\":{\"content\":\"w" + i + " \"}}]}\n\n");
        }
        if (chosen == Answer.STREAM) {
          chunk(out, "data: [DONE]\n\n");
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return true;
      default:
        byte[] json =
            "{\"object\":\"chat.completion\",\"ok\":true}".getBytes(StandardCharsets.UTF_8);
        out.write(
            ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                    + json.length
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(json);
        out.flush();
        return true;
    }
  }

  private void listModel(OutputStream out) throws IOException {
    byte[] json =
        ("{\"object\":\"list\",\"data\":[{\"id\":\"" + model + "\",\"object\":\"model\"}]}")
            .getBytes(StandardCharsets.UTF_8);
    out.write(
        ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                + json.length
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.write(json);
    out.flush();
  }

  /** A 200 status line and the filler headers. */
  private static String fillers() {
    StringBuilder head = new StringBuilder("HTTP/1.1 200 OK\r\n");
    for (int line = 0; line < FILLER_HEADERS; line++) {
      head.append(filler(line));
    }
    return head.toString();
  }

  /** Writes the start, then header lines without end, until the proxy closes the connection. */
  private void endless(OutputStream out, String start) throws IOException {
    endlessAnswers.incrementAndGet();
    try {
      ascii(out, start);
      for (long line = 0; ; line++) {
        String filler = filler(line);
        ascii(out, filler);
        endlessBytes.addAndGet(filler.length());
      }
    } finally {
      endlessAnswers.decrementAndGet();
    }
  }

  private static void ascii(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.US_ASCII));
  }

  private static void chunk(OutputStream out, String data) throws IOException {
    byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
    out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(bytes);
    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** The request head, or null when the connection ended (or idled out) before one began. */
  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b;
      try {
        b = in.read();
      } catch (SocketException | SocketTimeoutException e) {
        if (head.size() == 0) {
          return null;
        }
        throw e;
      }
      if (b < 0) {
        return null;
      }
      head.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  private static long contentLength(String head) {
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        return Long.parseLong(line.substring("content-length:".length()).trim());
      }
    }
    return 0;
  }

  private byte[] readBody(InputStream in, long length) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    byte[] buffer = new byte[readChunk];
    while (body.size() < length) {
      int read = in.read(buffer, 0, (int) Math.min(buffer.length, length - body.size()));
      if (read < 0) {
        throw new IOException("body cut short");
      }
      body.write(buffer, 0, read);
      pause(readPause);
    }
    return body.toByteArray();
  }

  private static void pause(Duration duration) {
    if (duration.isZero()) {
      return;
    }
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : sockets) {
      socket.close();
    }
    threads.shutdownNow();
  }
}
