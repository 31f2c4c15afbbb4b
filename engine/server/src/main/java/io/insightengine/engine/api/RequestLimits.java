package io.insightengine.engine.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.insightengine.engine.config.EngineConfig;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.vertx.VertxInputStream;

/**
 * Request limits. The request target: longer than {@code insight.http.max-uri-length} is answered
 * 414 with a problem (the HTTP codec's own bound, far above it, answers a bare 414). Bodies, per
 * route, applied when a request's headers arrive, before anything reads its body: a dbt artifacts
 * delivery may bring up to {@code insight.internal.max-manifest-size}, every other request at most
 * {@code insight.http.max-body-size}. Quarkus's own limit ({@code
 * quarkus.http.limits.max-body-size}, switched off) is one for every route: set for the API, it
 * refused real manifests; set for manifests, it let 200 MB questions in.
 *
 * <p>A declared Content-Length beyond the limit is answered 413 at once (problem+json, the
 * connection then closed, the body never read). A body without one (chunked) is stopped where it
 * passes the limit, with the same answer: read here for the API, counted by the delivery itself.
 */
@ApplicationScoped
public class RequestLimits {
  private static final String TRANSFER_ENCODING = "Transfer-Encoding";
  private final long apiLimit;
  private final long manifestLimit;
  private final long uriLimit;
  private final ObjectMapper json;

  public RequestLimits(EngineConfig config, ObjectMapper json) {
    this.apiLimit = config.http().maxBodySize().asLongValue();
    this.manifestLimit = config.internal().maxManifestSize().asLongValue();
    this.uriLimit = config.http().maxUriLength().asLongValue();
    this.json = json;
  }

  void install(@Observes Router router) {
    router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT).handler(this::check);
  }

  private void check(RoutingContext context) {
    if (context.request().uri().length() > uriLimit) {
      answer(
          context,
          "uri-too-long",
          "URI Too Long",
          414,
          "the request target is longer than this engine's limit of "
              + describe(uriLimit)
              + " (insight.http.max-uri-length)",
          null); // the path is what is too long
      return;
    }
    boolean delivery = isDelivery(context.normalizedPath());
    long limit = delivery ? manifestLimit : apiLimit;
    String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
    if (declared != null && length(declared) > limit) {
      refuse(context, limit, delivery);
      return;
    }
    if (!delivery && declared == null && context.request().headers().contains(TRANSFER_ENCODING)) {
      readBounded(context, limit);
      return;
    }
    if (!delivery) {
      context.put(VertxInputStream.MAX_REQUEST_SIZE_KEY, limit);
    }
    context.next();
  }

  /**
   * A chunked API body, read here up to the limit and handed to Quarkus REST whole (it reads a body
   * the routing context already holds): its own reader would answer a bare 413 at the limit, which
   * a client cannot tell from a proxy's. At most {@code insight.http.max-body-size} is held.
   */
  private void readBounded(RoutingContext context, long limit) {
    HttpServerRequest request = context.request();
    Buffer body = Buffer.buffer();
    request.handler(
        chunk -> {
          if (context.response().ended()) {
            return; // refused: the rest is discarded until the connection closes
          }
          if (body.length() + (long) chunk.length() > limit) {
            refuse(context, limit, false);
            return;
          }
          body.appendBuffer(chunk);
        });
    request.exceptionHandler(context::fail);
    request.endHandler(
        ended -> {
          if (!context.response().ended()) {
            context.setBody(body);
            context.next();
          }
        });
    request.resume();
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
    String detail =
        delivery
            ? "the manifest is larger than this engine's limit of "
                + describe(limit)
                + " (insight.internal.max-manifest-size)"
            : "the request body is larger than this engine's limit of "
                + describe(limit)
                + " (insight.http.max-body-size)";
    answer(
        context,
        delivery ? "manifest-too-large" : "body-too-large",
        Response.Status.REQUEST_ENTITY_TOO_LARGE.getReasonPhrase(),
        413,
        detail,
        context.normalizedPath());
  }

  /** The problem {@code slug}, the request's correlation ID with it, the connection closed. */
  private void answer(
      RoutingContext context, String slug, String title, int status, String detail, String path) {
    String id = CorrelationId.chosen(context.request().getHeader(CorrelationId.HEADER));
    Problem problem = new Problem(Problem.TYPE_BASE + slug, title, status, detail, path, id);
    String body;
    try {
      body = json.writeValueAsString(problem);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    context
        .response()
        .setStatusCode(status)
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
