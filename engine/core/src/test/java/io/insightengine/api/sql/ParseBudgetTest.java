package io.insightengine.api.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ParseBudgetTest {
  private static final long MS = 1_000_000;

  @Test
  void timeSpentWaitingForACoreDoesNotSpendTheBudget() {
    AtomicLong cpu = new AtomicLong(5 * MS);
    AtomicLong wall = new AtomicLong(1_000 * MS);
    ParseBudget budget = new ParseBudget(200 * MS, cpu::get, wall::get);

    // Half a second on the clock, 50 ms on the CPU: a busy machine, not a slow parse.
    wall.addAndGet(500 * MS);
    cpu.addAndGet(50 * MS);
    assertThat(budget.spent()).isFalse();
    assertThat(budget.left()).isEqualTo(150 * MS);

    cpu.addAndGet(150 * MS);
    assertThat(budget.spent()).isTrue();
  }

  @Test
  void aThreadThatGetsNoCpuIsStillStoppedByTheClock() {
    AtomicLong cpu = new AtomicLong();
    AtomicLong wall = new AtomicLong();
    ParseBudget budget = new ParseBudget(200 * MS, cpu::get, wall::get);
    wall.addAndGet(ParseBudget.WALL_FACTOR * 200 * MS - 1);
    assertThat(budget.spent()).isFalse();
    wall.addAndGet(1);
    assertThat(budget.spent()).isTrue();
  }

  @Test
  void theCallingThreadsBudgetCountsItsOwnWork() {
    long start = System.nanoTime();
    ParseBudget budget = ParseBudget.forCurrentThread(50 * MS);
    // A generous bound: on a busy machine the thread may wait long for 50 ms of a core.
    long until = start + 30_000 * MS;
    long x = 0;
    while (!budget.spent() && System.nanoTime() < until) {
      x += System.nanoTime() % 7; // busy: the thread's own CPU time runs
    }
    assertThat(budget.spent()).as("spent after busy work (" + x + ")").isTrue();
    // One thread's CPU time cannot run ahead of the clock: spent no sooner than 50 ms.
    assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(50 * MS);
  }
}
