package io.insightengine.engine.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The outcomes of a suite's questions, counted overall and per category, with stage timings. */
record SuiteReport(String suite, List<SuiteReport.Outcome> outcomes) {
  static final String CORRECT = "correct";
  static final String WRONG = "wrong";
  static final String CLARIFICATION = "clarification";

  /** One question's outcome; {@code timingsMs} as the answer reported them (empty on errors). */
  record Outcome(
      Suite.Question question,
      String kind,
      String sql,
      String detail,
      Map<String, Double> timingsMs) {}

  /** Correct, wrong and clarification counts. */
  record Counts(int correct, int wrong, int clarification) {
    int total() {
      return correct + wrong + clarification;
    }

    Counts plus(String kind) {
      return new Counts(
          correct + (kind.equals(CORRECT) ? 1 : 0),
          wrong + (kind.equals(WRONG) ? 1 : 0),
          clarification + (kind.equals(CLARIFICATION) ? 1 : 0));
    }
  }

  Counts overall() {
    Counts counts = new Counts(0, 0, 0);
    for (Outcome o : outcomes) {
      counts = counts.plus(o.kind());
    }
    return counts;
  }

  Map<String, Counts> byCategory() {
    Map<String, Counts> byCategory = new TreeMap<>();
    for (Outcome o : outcomes) {
      byCategory.merge(
          o.question().category(), new Counts(0, 0, 0).plus(o.kind()), SuiteReport::sum);
    }
    return byCategory;
  }

  private static Counts sum(Counts a, Counts b) {
    return new Counts(a.correct + b.correct, a.wrong + b.wrong, a.clarification + b.clarification);
  }

  /** The nearest-rank percentile of a stage's time over the answers that report it. */
  double percentile(String stage, double p) {
    List<Double> times = new ArrayList<>();
    outcomes.forEach(
        o -> {
          Double t = o.timingsMs().get(stage);
          if (t != null) {
            times.add(t);
          }
        });
    if (times.isEmpty()) {
      return Double.NaN;
    }
    times.sort(null);
    int rank = (int) Math.ceil(p / 100.0 * times.size());
    return times.get(Math.max(0, rank - 1));
  }

  /**
   * The table of counts per category; for a suite that is not held out, also the wrong answers with
   * their question and SQL (a held-out suite's questions must not leak into logs).
   */
  String render(boolean heldOut) {
    StringBuilder out = new StringBuilder();
    Counts all = overall();
    out.append(
        String.format(
            "eval %s: %d questions: %d correct (%.1f%%), %d wrong (%.1f%%), %d clarification"
                + " (%.1f%%)%n",
            suite,
            all.total(),
            all.correct(),
            share(all.correct(), all.total()),
            all.wrong(),
            share(all.wrong(), all.total()),
            all.clarification(),
            share(all.clarification(), all.total())));
    out.append(
        String.format(
            "%-28s %9s %7s %5s %13s%n",
            "category", "questions", "correct", "wrong", "clarification"));
    byCategory()
        .forEach(
            (category, c) ->
                out.append(
                    String.format(
                        "%-28s %9d %7d %5d %13d%n",
                        category, c.total(), c.correct(), c.wrong(), c.clarification())));
    for (String stage : List.of("interpret", "generate")) {
      out.append(
          String.format(
              "%s: p50 %.2f ms, p99 %.2f ms%n",
              stage, percentile(stage, 50), percentile(stage, 99)));
    }
    if (!heldOut) {
      for (Outcome o : outcomes) {
        if (o.kind().equals(WRONG)) {
          String detail = (o.sql() == null ? "" : o.sql().strip() + "\n") + o.detail();
          out.append(
              String.format(
                  "WRONG %s [%s] %s%n  %s%n",
                  o.question().id(),
                  o.question().category(),
                  o.question().question(),
                  detail.strip().replace("\n", "\n  ")));
        } else if (o.kind().equals(CLARIFICATION)) {
          out.append(
              String.format(
                  "ASKED %s [%s] %s%n  %s%n",
                  o.question().id(), o.question().category(), o.question().question(), o.detail()));
        }
      }
    }
    return out.toString();
  }

  private static double share(int n, int total) {
    return total == 0 ? 0 : 100.0 * n / total;
  }
}
