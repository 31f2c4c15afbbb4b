package io.insightengine.engine.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.insightengine.engine.pipeline.PipelineException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error leaves as application/problem+json with the correlation ID; none is swallowed. */
public class ProblemMappers {
  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

  @ServerExceptionMapper
  public Response pipeline(PipelineException e, ContainerRequestContext request, UriInfo uri) {
    Response response =
        problem(e.type(), title(e.status()), e.status(), e.getMessage(), request, uri);
    if (e.status() == 503) {
      // Unavailable, not wrong: clients should retry (the engine retries the warehouse itself).
      return Response.fromResponse(response).header("Retry-After", "5").build();
    }
    return response;
  }

  @ServerExceptionMapper
  public Response badJson(JsonProcessingException e, ContainerRequestContext request, UriInfo uri) {
    return problem(
        "invalid-body",
        "Bad Request",
        400,
        "the request body is not valid JSON: " + e.getOriginalMessage(),
        request,
        uri);
  }

  /**
   * A body of the wrong shape ({@code [1,2,3]}, {@code "text"}, an object where a string belongs):
   * Quarkus's own mapper for it answers an empty 400, so this one is declared for the exact type.
   */
  @ServerExceptionMapper
  public Response wrongShape(
      MismatchedInputException e, ContainerRequestContext request, UriInfo uri) {
    String field =
        e.getPath().stream()
            .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
            .reduce((a, b) -> a + "." + b)
            .map(path -> " at " + path)
            .orElse("");
    return problem(
        "invalid-body",
        "Bad Request",
        400,
        "the request body does not have the expected shape"
            + field
            + ": "
            + e.getOriginalMessage().lines().findFirst().orElse(""),
        request,
        uri);
  }

  /** JAX-RS errors (404, 405, 406, 415 ...) as problems, keeping their headers (Allow on a 405). */
  @ServerExceptionMapper
  public Response web(WebApplicationException e, ContainerRequestContext request, UriInfo uri) {
    int status = e.getResponse().getStatus();
    Response.ResponseBuilder response =
        Response.fromResponse(
            problem("http-" + status, title(status), status, e.getMessage(), request, uri));
    e.getResponse()
        .getHeaders()
        .forEach(
            (name, values) -> {
              if (!name.equalsIgnoreCase("Content-Type")
                  && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(v -> response.header(name, v));
              }
            });
    if (status == 405 && e.getResponse().getHeaderString("Allow") == null && uri != null) {
      String allowed = AllowedMethods.of(uri.getPath());
      if (allowed != null) {
        response.header("Allow", allowed);
      }
    }
    return response.build();
  }

  @ServerExceptionMapper
  public Response unexpected(RuntimeException e, ContainerRequestContext request, UriInfo uri) {
    String id = CorrelationId.of(request);
    LOG.errorf(e, "unexpected error in request %s", id);
    return problem(
        "internal-error",
        "Internal Server Error",
        500,
        "an unexpected error occurred; quote correlation ID " + id + " when reporting it",
        request,
        uri);
  }

  static Response problem(
      String type,
      String title,
      int status,
      String detail,
      ContainerRequestContext request,
      UriInfo uri) {
    Problem body =
        new Problem(
            Problem.TYPE_BASE + type,
            title,
            status,
            detail,
            uri == null ? null : uri.getPath(),
            CorrelationId.of(request));
    return Response.status(status)
        .type(Problem.MEDIA_TYPE)
        .entity(body)
        .header(CorrelationId.HEADER, body.correlationId())
        .build();
  }

  private static String title(int status) {
    Response.Status known = Response.Status.fromStatusCode(status);
    return known != null
        ? known.getReasonPhrase()
        : status == 422 ? "Unprocessable Content" : "Error";
  }
}
