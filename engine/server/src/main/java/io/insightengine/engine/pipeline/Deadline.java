package io.insightengine.engine.pipeline;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * When a request must be over: its project's query timeout from the moment its SQL is checked, or
 * earlier when its client has gone away ({@code abandoned}: the connection closed). It bounds every
 * stage that follows — the plan, the query (each statement gets the time left as its statement
 * timeout), reading and masking the rows.
 */
record Deadline(long nanos, Duration limit, BooleanSupplier abandoned) {

  static Deadline after(Duration limit, BooleanSupplier abandoned) {
    return new Deadline(System.nanoTime() + limit.toNanos(), limit, abandoned);
  }

  /** The time left, as a statement timeout; 504 when none is. */
  Duration remaining(String doing) {
    long left = nanos - System.nanoTime();
    if (left <= 0) {
      throw expired(doing);
    }
    return Duration.ofMillis(Math.max(1, left / 1_000_000));
  }

  /**
   * Throws when the request is over: 503 when its thread was interrupted (the interrupt is left
   * set: whoever interrupted the request decides what follows) or its client went away, 504 when
   * the deadline has passed; {@code doing} says what it was doing then.
   */
  void check(String doing) {
    if (Thread.currentThread().isInterrupted()) {
      throw new PipelineException(
          "request-cancelled", 503, "the request was cancelled while " + doing);
    }
    if (abandoned.getAsBoolean()) {
      throw new PipelineException("request-cancelled", 503, "the client went away while " + doing);
    }
    if (System.nanoTime() - nanos > 0) {
      throw expired(doing);
    }
  }

  private PipelineException expired(String doing) {
    return new PipelineException(
        "query-timeout",
        504,
        "the query ran longer than this project's limit of "
            + limit.toSeconds()
            + " s ("
            + doing
            + ")");
  }
}
