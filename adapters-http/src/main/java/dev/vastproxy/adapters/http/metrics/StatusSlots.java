package dev.vastproxy.adapters.http.metrics;

/**
 * HTTP statuses as a small array index, so meters per status can sit in an array: the statuses a
 * proxy of OpenAI engines sees by themselves, the rest by class ({@code 4xx}), anything outside 100
 * to 599 as {@code other}. Keeps the {@code status} label to a few dozen values.
 */
final class StatusSlots {
  private static final int[] KNOWN = {
    200, 201, 202, 204, 206, 301, 302, 304, 307, 308, 400, 401, 403, 404, 405, 408, 409, 413, 415,
    422, 429, 431, 499, 500, 501, 502, 503, 504, 505
  };
  private static final String[] CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx"};

  /** Slot 0 is {@code other}, 1 to 5 the classes, then the known statuses. */
  static final int COUNT = 1 + CLASSES.length + KNOWN.length;

  private static final int[] SLOT_OF = new int[600];
  private static final String[] LABELS = new String[COUNT];

  static {
    LABELS[0] = "other";
    for (int i = 0; i < CLASSES.length; i++) {
      LABELS[1 + i] = CLASSES[i];
    }
    for (int status = 100; status < 600; status++) {
      SLOT_OF[status] = status / 100;
    }
    for (int i = 0; i < KNOWN.length; i++) {
      int slot = 1 + CLASSES.length + i;
      SLOT_OF[KNOWN[i]] = slot;
      LABELS[slot] = Integer.toString(KNOWN[i]);
    }
  }

  private StatusSlots() {}

  /** The slot of a status. */
  static int slot(int status) {
    return status >= 100 && status < 600 ? SLOT_OF[status] : 0;
  }

  /** The {@code status} label of a slot. */
  static String label(int slot) {
    return LABELS[slot];
  }

  /** Whether a status is a success (2xx). */
  static boolean success(int status) {
    return status >= 200 && status < 300;
  }
}
