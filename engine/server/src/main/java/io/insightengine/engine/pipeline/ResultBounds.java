package io.insightengine.engine.pipeline;

import io.insightengine.engine.security.pii.PiiMasker;
import java.util.ArrayList;
import java.util.List;

/**
 * Bounds a result while its rows are read, so a large one is never held whole: at most {@code
 * maxRows} rows and {@code maxBytes} of values (what the rows take as JSON, about), each text value
 * cut to {@code maxCellLength} characters as it is read (never through something that may be
 * personal data: see {@link PiiMasker#cutBefore}). What was left out is said in the result's {@code
 * truncation}.
 */
final class ResultBounds {
  private final int maxRows;
  private final long maxBytes;
  private final int maxCellLength;
  private final List<List<Object>> rows = new ArrayList<>();
  private long bytes;
  private int cutCells;
  private int cutInRow; // cut values of the row being read, counted once it is kept
  private boolean moreRows;
  private boolean tooManyBytes;

  ResultBounds(int maxRows, long maxBytes, int maxCellLength) {
    this.maxRows = maxRows;
    this.maxBytes = maxBytes;
    this.maxCellLength = maxCellLength;
  }

  /** A value as it will be kept: text cut to the cell length. */
  Object cell(Object value) {
    if (value instanceof String text && text.length() > maxCellLength) {
      cutInRow++;
      return text.substring(0, PiiMasker.cutBefore(text, maxCellLength));
    }
    return value;
  }

  /**
   * Keeps {@code row} if it fits; false when the result is full (it then ends here: more rows
   * exist, or this one would pass the byte bound).
   */
  boolean add(List<Object> row) {
    int cut = cutInRow;
    cutInRow = 0;
    if (rows.size() == maxRows) {
      moreRows = true;
      return false;
    }
    long size = 2; // [ ]
    for (Object value : row) {
      size += size(value) + 1;
    }
    if (bytes + size > maxBytes) {
      tooManyBytes = true;
      return false;
    }
    bytes += size;
    rows.add(row);
    cutCells += cut;
    return true;
  }

  /** Whether another row is wanted (false once a bound was reached). */
  boolean open() {
    return !moreRows && !tooManyBytes;
  }

  QueryResult result(List<QueryResult.Column> columns) {
    List<String> left = new ArrayList<>();
    if (moreRows) {
      left.add(QueryResult.rowsLeftOut(rows.size()));
    }
    if (tooManyBytes) {
      left.add(
          "more than "
              + maxBytes
              + " bytes: the first "
              + rows.size()
              + (rows.size() == 1 ? " row is" : " rows are")
              + " shown");
    }
    if (cutCells > 0) {
      left.add(
          cutCells
              + (cutCells == 1 ? " text value" : " text values")
              + " longer than "
              + maxCellLength
              + " characters cut to "
              + maxCellLength);
    }
    return new QueryResult(
        columns,
        List.copyOf(rows),
        !left.isEmpty(),
        left.isEmpty() ? null : String.join("; ", left));
  }

  /**
   * About what a value takes in the JSON answer (UTF-16 length of text: the order that matters).
   */
  private static long size(Object value) {
    if (value == null) {
      return 4;
    }
    if (value instanceof String text) {
      return text.length() + 2L;
    }
    return value.toString().length();
  }
}
