package io.insightengine.engine.api;

import io.insightengine.api.dbt.DbtArtifactException;
import io.insightengine.engine.bundle.ConfigBundleHolder;
import io.insightengine.engine.config.EngineConfig;
import io.insightengine.engine.dbt.DbtArtifactsInbox;
import io.insightengine.engine.pipeline.PipelineException;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.apache.commons.io.input.BoundedInputStream;
import org.apache.commons.io.input.CloseShieldInputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Internal endpoints, for the platform rather than for people: DbtRun jobs deliver dbt's
 * manifest.json here after a successful run, and the operator reads what the engine serves (the
 * bundle revision, each project's state) for the resources' status. Closed unless {@code
 * insight.internal.token} is set; callers present it as a bearer token (the operator generates one
 * per engine and hands it to the engine pods and the dbt jobs through a Secret). The token is
 * checked before any of a request's body is read.
 */
@Path("/internal/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "internal")
public class InternalResource {
  private static final Pattern DNS_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");
  private final EngineConfig config;
  private final ConfigBundleHolder bundles;
  private final DbtArtifactsInbox inbox;

  public InternalResource(
      EngineConfig config, ConfigBundleHolder bundles, DbtArtifactsInbox inbox) {
    this.config = config;
    this.bundles = bundles;
    this.inbox = inbox;
  }

  /**
   * A delivery. The body is a stream, read only once the token, the project and the DbtRun have
   * been checked (a {@code byte[]} parameter is read whole before the method runs, for anyone), and
   * read as it arrives, up to {@code insight.internal.max-manifest-size}; {@link RequestLimits}
   * refuses a larger declared Content-Length before that.
   */
  @POST
  @Path("/projects/{project}/dbt-artifacts")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Deliver a dbt manifest.json for a project (DbtRun jobs)")
  @APIResponse(
      responseCode = "202",
      description = "Received and compiled; served from the next bundle check",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = DbtArtifactsInbox.Received.class)))
  public Response deliver(
      @PathParam("project") String project,
      @QueryParam("dbtRun") String dbtRun,
      @HeaderParam("Authorization") String authorization,
      @HeaderParam(HttpHeaders.CONTENT_ENCODING) String encoding,
      @Context RoutingContext http,
      InputStream body) {
    try {
      return receive(project, dbtRun, authorization, encoding, body);
    } catch (RuntimeException e) {
      // Refused with the body unread, or read only in part: the rest is not read (draining it
      // would keep a thread reading for anyone who sends), so the connection cannot carry another
      // request. As Quarkus does when its own limit refuses a body.
      http.response().putHeader("Connection", "close");
      http.addEndHandler(ended -> http.request().connection().close());
      throw e;
    }
  }

  private Response receive(
      String project, String dbtRun, String authorization, String encoding, InputStream body) {
    authorize(authorization);
    requireProject(project);
    if (dbtRun == null || !DNS_NAME.matcher(dbtRun).matches()) {
      throw new PipelineException(
          "invalid-artifacts", 400, "name the DbtRun that built the artifacts: ?dbtRun=<name>");
    }
    long limit = config.internal().maxManifestSize().asLongValue();
    // Shielded: closing the request's stream reads the rest of the body, which a refusal must not.
    InputStream unclosable = CloseShieldInputStream.wrap(body);
    try (PushbackInputStream manifest =
        new PushbackInputStream(bounded(decoded(unclosable, encoding), limit))) {
      int first = manifest.read();
      if (first < 0) {
        throw new PipelineException(
            "invalid-artifacts", 400, "the body must be dbt's manifest.json");
      }
      manifest.unread(first);
      DbtArtifactsInbox.Received received = inbox.receive(project, dbtRun, manifest);
      bundles.reloadSoon(); // SemanticModels naming this DbtRun serve the new model
      return Response.accepted(received).build();
    } catch (DbtArtifactException e) {
      for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
        if (cause instanceof ManifestTooLarge) {
          throw tooLarge(limit); // the reader's own message would say "cannot read"
        }
      }
      throw new PipelineException("invalid-artifacts", 400, e.getMessage());
    } catch (ManifestTooLarge e) {
      throw tooLarge(limit);
    } catch (IOException e) {
      throw new PipelineException(
          "invalid-artifacts", 400, "the manifest could not be read: " + e.getMessage());
    }
  }

  /** The manifest as sent, or unzipped when sent with {@code Content-Encoding: gzip}. */
  private static InputStream decoded(InputStream body, String encoding) throws IOException {
    if (encoding == null || encoding.isBlank() || encoding.equalsIgnoreCase("identity")) {
      return body;
    }
    if (encoding.equalsIgnoreCase("gzip")) {
      return new GZIPInputStream(body, 64 * 1024);
    }
    throw new PipelineException(
        "unsupported-encoding",
        415,
        "a manifest is sent as it is or with Content-Encoding: gzip, not " + encoding);
  }

  /** Fails with {@link ManifestTooLarge} once more than {@code limit} bytes have been read. */
  private static InputStream bounded(InputStream in, long limit) throws IOException {
    // One byte more than the limit may be read: a manifest of exactly the limit then ends (EOF)
    // before the bound, and only a larger one reaches it.
    return BoundedInputStream.builder()
        .setInputStream(in)
        .setMaxCount(limit + 1)
        .setOnMaxCount(
            (max, count) -> {
              throw new ManifestTooLarge();
            })
        .get();
  }

  private static PipelineException tooLarge(long limit) {
    return new PipelineException(
        "manifest-too-large",
        413,
        "the manifest is larger than this engine's limit of "
            + RequestLimits.describe(limit)
            + " (insight.internal.max-manifest-size)");
  }

  /** More of a manifest than the limit arrived. */
  private static final class ManifestTooLarge extends IOException {
    ManifestTooLarge() {
      super("the manifest is larger than the limit");
    }
  }

  @GET
  @Path("/projects/{project}/dbt-artifacts")
  @Operation(summary = "What the latest delivered dbt manifest compiled to")
  public Map<String, Object> latest(
      @PathParam("project") String project,
      @QueryParam("dbtRun") String dbtRun,
      @HeaderParam("Authorization") String authorization) {
    authorize(authorization);
    requireProject(project);
    return inbox
        .latest(project, String.valueOf(dbtRun))
        .<Map<String, Object>>map(
            d ->
                Map.of(
                    "project",
                    project,
                    "dbtRun",
                    dbtRun,
                    "revision",
                    d.revision(),
                    "receivedAt",
                    d.receivedAt()))
        .orElseThrow(
            () ->
                new PipelineException(
                    "no-artifacts",
                    404,
                    "no dbt artifacts delivered for project " + project + " by DbtRun " + dbtRun));
  }

  /** What this engine serves, for the operator's status: the revision and every project's state. */
  public record ServedStatus(
      String revision, String loadedAt, String error, Map<String, ProjectState> projects) {}

  /** A project's state: Serving, Refused (does not compile) or Unavailable (warehouse down). */
  public record ProjectState(String state, String reason, String message) {}

  @GET
  @Path("/status")
  @Operation(summary = "The served bundle revision and each project's state (the operator)")
  public ServedStatus status(@HeaderParam("Authorization") String authorization) {
    authorize(authorization);
    var bundle = bundles.current();
    Map<String, ProjectState> projects = new TreeMap<>();
    bundle.ifPresent(
        b -> {
          b.refused()
              .forEach(
                  (name, r) ->
                      projects.put(name, new ProjectState("Refused", r.reason(), r.message())));
          b.projects()
              .forEach(
                  (name, p) -> {
                    var a = p.warehouse().availability();
                    projects.put(
                        name,
                        a.available()
                            ? new ProjectState(
                                "Serving",
                                "Serving",
                                "answering from " + p.warehouse().settings().address())
                            : new ProjectState("Unavailable", a.reason(), a.message()));
                  });
        });
    return new ServedStatus(
        bundle.map(b -> b.revision()).orElse(null),
        bundle.map(b -> b.loadedAt().toString()).orElse(null),
        bundles.lastError().orElse(null),
        projects);
  }

  private void authorize(String authorization) {
    String token =
        config
            .internal()
            .token()
            .filter(t -> !t.isBlank())
            .orElseThrow(
                () ->
                    new PipelineException(
                        "internal-disabled",
                        403,
                        "internal endpoints are disabled on this engine"));
    String presented =
        authorization != null && authorization.startsWith("Bearer ")
            ? authorization.substring("Bearer ".length())
            : "";
    // Constant time: the comparison must not tell how much of a guess was right.
    if (!MessageDigest.isEqual(
        presented.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
      throw new PipelineException(
          "unauthorized", 401, "a valid bearer token is required for internal endpoints");
    }
  }

  private void requireProject(String project) {
    boolean served = bundles.current().map(b -> b.projectNames().contains(project)).orElse(false);
    if (!served) {
      throw new PipelineException(
          "project-not-found", 404, "this engine serves no project " + project);
    }
  }
}
