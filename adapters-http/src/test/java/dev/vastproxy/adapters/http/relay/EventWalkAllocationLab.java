package dev.vastproxy.adapters.http.relay;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A hand-run experiment (not a test): the heap a resumable chat stream's relay filter allocates per
 * streamed event, as the thread's allocation counter shows, for one vLLM-shaped token event per
 * read from a direct buffer (as the relay reads them). Args: [events] (default 2,000,000).
 */
public final class EventWalkAllocationLab {
  private static final byte[] EVENT =
      ("data: {\"id\":\"chatcmpl-7f3a\",\"object\":\"chat.completion.chunk\",\"created\":1764500000,"
              + "\"model\":\"Qwen/Qwen3-8B\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" token\"},"
              + "\"logprobs\":null,\"finish_reason\":null}]}\n\n")
          .getBytes(StandardCharsets.UTF_8);

  private EventWalkAllocationLab() {}

  public static void main(String[] args) {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    ByteBuffer read = ByteBuffer.allocateDirect(EVENT.length);
    for (int round = 0; round < 3; round++) {
      DeliveredStream stream = new DeliveredStream(true);
      ChannelRelay.Filter filter = stream.filter();
      long before = threads.getCurrentThreadAllocatedBytes();
      long started = System.nanoTime();
      for (int i = 0; i < events; i++) {
        read.clear();
        read.put(EVENT).flip();
        filter.apply(read);
        if (i % 4096 == 0) {
          stream.forgetText(); // a long stream's text is dropped once it cannot be resumed
          stream = new DeliveredStream(true);
          filter = stream.filter();
        }
      }
      long allocated = threads.getCurrentThreadAllocatedBytes() - before;
      System.out.printf(
          "round %d: %.1f B and %.0f ns per event%n",
          round, (double) allocated / events, (System.nanoTime() - started) / (double) events);
    }
  }
}
