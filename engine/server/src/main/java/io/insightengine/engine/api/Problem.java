package io.insightengine.engine.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An RFC 9457 problem detail, with the request's correlation ID. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    String type, String title, int status, String detail, String instance, String correlationId) {
  public static final String MEDIA_TYPE = "application/problem+json";
  static final String TYPE_BASE = "https://insight-engine.io/problems/";
}
