package io.insightengine.engine.pipeline;

/**
 * A request the pipeline refuses or cannot serve, with a machine-readable type (the problem+json
 * type suffix), the HTTP status, and a message that tells the caller what to change.
 */
public class PipelineException extends RuntimeException {
  private final String type;
  private final int status;

  public PipelineException(String type, int status, String message) {
    super(message);
    this.type = type;
    this.status = status;
  }

  public String type() {
    return type;
  }

  public int status() {
    return status;
  }

  public static PipelineException refused(String reason, String message) {
    return new PipelineException("sql-refused/" + reason, 422, message);
  }
}
