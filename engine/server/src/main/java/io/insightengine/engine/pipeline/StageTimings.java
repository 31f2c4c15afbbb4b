package io.insightengine.engine.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;

/** How long each stage of one request took, in milliseconds, in stage order. */
public final class StageTimings {
  private final Map<String, Double> millis = new LinkedHashMap<>();

  public void record(String stage, long nanos) {
    millis.merge(stage, nanos / 1e6, Double::sum);
  }

  public Map<String, Double> asMap() {
    Map<String, Double> rounded = new LinkedHashMap<>();
    millis.forEach((k, v) -> rounded.put(k, Math.round(v * 1000) / 1000.0));
    return rounded;
  }

  public double total() {
    return millis.values().stream().mapToDouble(Double::doubleValue).sum();
  }
}
