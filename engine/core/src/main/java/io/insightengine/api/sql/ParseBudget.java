package io.insightengine.api.sql;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.LongSupplier;

/**
 * The time one parse may take, counted in CPU time of the parsing thread where the JVM measures it:
 * on a busy machine a parse waits for a core without spending its budget, so wall time refused
 * valid SQL under load. A wall-clock ceiling ({@link #WALL_FACTOR} times the budget) still bounds a
 * parse whose thread gets no CPU at all.
 */
final class ParseBudget {
  /** How many budgets of wall time a parse may take before it is stopped regardless. */
  static final int WALL_FACTOR = 20;

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final long budget;
  private final LongSupplier cpu;
  private final LongSupplier wall;
  private final long cpuStart;
  private final long wallStart;

  ParseBudget(long budgetNanos, LongSupplier cpuNanos, LongSupplier wallNanos) {
    this.budget = budgetNanos;
    this.cpu = cpuNanos;
    this.wall = wallNanos;
    this.cpuStart = cpuNanos.getAsLong();
    this.wallStart = wallNanos.getAsLong();
  }

  /** A budget for the calling thread: its CPU time when the JVM measures it, else wall time. */
  static ParseBudget forCurrentThread(long budgetNanos) {
    long id = Thread.currentThread().getId();
    boolean measured = THREADS.isThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled();
    LongSupplier wall = System::nanoTime;
    return new ParseBudget(budgetNanos, measured ? () -> THREADS.getThreadCpuTime(id) : wall, wall);
  }

  /** Whether the parse has spent its budget. */
  boolean spent() {
    return left() <= 0;
  }

  /** How long, at least, before the budget can be spent: the next time to look again. */
  long left() {
    long usedCpu = cpu.getAsLong() - cpuStart;
    long usedWall = wall.getAsLong() - wallStart;
    return Math.min(budget - usedCpu, (long) WALL_FACTOR * budget - usedWall);
  }
}
