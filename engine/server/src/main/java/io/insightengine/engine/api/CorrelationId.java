package io.insightengine.engine.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/**
 * Gives every request a correlation ID — the caller's X-Correlation-ID when it is a sane token,
 * otherwise a new UUID — put on every log line (MDC), in every answer and problem, and echoed in
 * the response header.
 */
@Provider
public class CorrelationId implements ContainerRequestFilter, ContainerResponseFilter {
  public static final String HEADER = "X-Correlation-ID";
  static final String PROPERTY = "insight.correlationId";
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  @Override
  public void filter(ContainerRequestContext request) {
    String id = chosen(request.getHeaderString(HEADER));
    request.setProperty(PROPERTY, id);
    MDC.put("correlationId", id);
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    Object id = request.getProperty(PROPERTY);
    if (id != null) {
      response.getHeaders().putSingle(HEADER, id);
    }
    MDC.remove("correlationId");
  }

  /** The caller's ID when it is a sane token, otherwise a new one. */
  static String chosen(String given) {
    return given != null && SANE.matcher(given).matches() ? given : UUID.randomUUID().toString();
  }

  static String of(ContainerRequestContext request) {
    Object id = request.getProperty(PROPERTY);
    return id == null ? UUID.randomUUID().toString() : id.toString();
  }
}
