package io.insightengine.engine.interpret;

import java.util.List;

/**
 * What the recognisers read of a question before its elements: the question as written, its period,
 * time grain, ranking (limit and direction) and thresholds; each may be absent (null).
 */
record QuestionFrame(
    String question,
    TimeRange range,
    TimeGrain grain,
    Integer limit,
    Boolean descending,
    List<Thresholds.Threshold> comparisons) {}
