package io.insightengine.engine.interpret;

import java.util.Locale;

/** Grains a time dimension is grouped by; the SQL name is what date_trunc takes. */
public enum TimeGrain {
  DAY,
  WEEK,
  MONTH,
  QUARTER,
  YEAR;

  public String sqlName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
