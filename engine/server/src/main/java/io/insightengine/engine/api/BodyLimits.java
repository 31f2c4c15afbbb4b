package io.insightengine.engine.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.insightengine.engine.config.EngineConfig;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.vertx.VertxInputStream;

/**
 * Request body limits, per route, applied when a request's headers arrive, before anything reads
 * its body: a dbt artifacts delivery may bring up to {@code insight.internal.max-manifest-size},
 * every other request at most {@code insight.http.max-body-size}. Quarkus's own limit ({@code
 * quarkus.http.limits.max-body-size}, switched off) is one for every route: set for the API, it
 * refused real manifests; set for manifests, it let 200 MB questions in.
 *
 * <p>A declared Content-Length beyond the limit is answered 413 at once (problem+json, the
 * connection then closed, the body never read). A body without one (chunked) is stopped where it
 * passes the limit: by Quarkus REST's reader for the API, which takes its limit from the routing
 * context (it answers a bare 413), and by the delivery itself, which counts what it reads.
 */
@ApplicationScoped
public class BodyLimits {
  private final long apiLimit;
  private final long manifestLimit;
  private final ObjectMapper json;

  public BodyLimits(EngineConfig config, ObjectMapper json) {
    this.apiLimit = config.http().maxBodySize().asLongValue();
    this.manifestLimit = config.internal().maxManifestSize().asLongValue();
    this.json = json;
  }

  void install(@Observes Router router) {
    router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT).handler(this::check);
  }

  private void check(RoutingContext context) {
    boolean delivery = isDelivery(context.normalizedPath());
    long limit = delivery ? manifestLimit : apiLimit;
    String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
    if (declared != null && length(declared) > limit) {
      refuse(context, limit, delivery);
      return;
    }
    if (!delivery) {
      context.put(VertxInputStream.MAX_REQUEST_SIZE_KEY, limit);
    }
    context.next();
  }

  static boolean isDelivery(String path) {
    return path != null
        && path.startsWith("/internal/v1/projects/")
        && path.endsWith("/dbt-artifacts");
  }

  private static long length(String declared) {
    try {
      return Long.parseLong(declared.trim());
    } catch (NumberFormatException e) {
      return -1; // not a length: the HTTP layer refuses the request itself
    }
  }

  private void refuse(RoutingContext context, long limit, boolean delivery) {
    String id = CorrelationId.chosen(context.request().getHeader(CorrelationId.HEADER));
    String detail =
        delivery
            ? "the manifest is larger than this engine's limit of "
                + describe(limit)
                + " (insight.internal.max-manifest-size)"
            : "the request body is larger than this engine's limit of "
                + describe(limit)
                + " (insight.http.max-body-size)";
    Problem problem =
        new Problem(
            Problem.TYPE_BASE + (delivery ? "manifest-too-large" : "body-too-large"),
            Response.Status.REQUEST_ENTITY_TOO_LARGE.getReasonPhrase(),
            413,
            detail,
            context.normalizedPath(),
            id);
    String body;
    try {
      body = json.writeValueAsString(problem);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    context
        .response()
        .setStatusCode(413)
        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
        .putHeader(CorrelationId.HEADER, id)
        // The body is not read: the connection cannot carry another request after it.
        .putHeader(HttpHeaders.CONNECTION, "close")
        .end(body);
  }

  /** A size as configured: "200 MB" for 200M. */
  static String describe(long bytes) {
    long mb = 1024 * 1024;
    if (bytes % mb == 0) {
      return bytes / mb + " MB";
    }
    return bytes % 1024 == 0 ? bytes / 1024 + " KB" : bytes + " bytes";
  }
}
