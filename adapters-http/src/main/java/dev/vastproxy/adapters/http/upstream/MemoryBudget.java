package dev.vastproxy.adapters.http.upstream;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes that request bodies held in memory may take across all requests together, so that many
 * large bodies at once get a clear refusal instead of running the heap out. Lock-free.
 */
public final class MemoryBudget {
  /** No limit: for the proxy's own small calls, bounded elsewhere. */
  static final MemoryBudget UNBOUNDED = new MemoryBudget(Long.MAX_VALUE);

  private final long limit;
  private final AtomicLong used = new AtomicLong();

  /**
   * @param limit the bytes that may be held at once
   */
  public MemoryBudget(long limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("a memory budget cannot be negative: " + limit);
    }
    this.limit = limit;
  }

  /** Takes {@code bytes} from the budget; false, taking nothing, when they do not fit. */
  boolean tryTake(long bytes) {
    if (limit == Long.MAX_VALUE) {
      return true;
    }
    long before;
    do {
      before = used.get();
      if (before + bytes > limit) {
        return false;
      }
    } while (!used.compareAndSet(before, before + bytes));
    return true;
  }

  /** Gives back bytes taken earlier. */
  public void giveBack(long bytes) {
    if (limit != Long.MAX_VALUE) {
      used.addAndGet(-bytes);
    }
  }

  /** Bytes held now. */
  public long used() {
    return used.get();
  }
}
