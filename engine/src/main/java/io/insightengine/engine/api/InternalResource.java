package io.insightengine.engine.api;

import io.insightengine.api.dbt.DbtArtifactException;
import io.insightengine.engine.bundle.ConfigBundleHolder;
import io.insightengine.engine.config.EngineConfig;
import io.insightengine.engine.dbt.DbtArtifactsInbox;
import io.insightengine.engine.pipeline.PipelineException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Internal endpoints, for the platform rather than for people: DbtRun jobs deliver dbt's
 * manifest.json here after a successful run. Closed unless {@code insight.internal.token} is set;
 * callers present it as a bearer token (the operator generates one per engine and hands it to the
 * engine pods and the dbt jobs through a Secret).
 */
@Path("/internal/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "internal")
public class InternalResource {
  private final EngineConfig config;
  private final ConfigBundleHolder bundles;
  private final DbtArtifactsInbox inbox;

  public InternalResource(
      EngineConfig config, ConfigBundleHolder bundles, DbtArtifactsInbox inbox) {
    this.config = config;
    this.bundles = bundles;
    this.inbox = inbox;
  }

  @POST
  @Path("/projects/{project}/dbt-artifacts")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Deliver a dbt manifest.json for a project (DbtRun jobs)")
  public Response deliver(
      @PathParam("project") String project,
      @HeaderParam("Authorization") String authorization,
      byte[] manifest) {
    authorize(authorization);
    requireProject(project);
    if (manifest == null || manifest.length == 0) {
      throw new PipelineException("invalid-artifacts", 400, "the body must be dbt's manifest.json");
    }
    try {
      return Response.accepted(inbox.receive(project, manifest)).build();
    } catch (DbtArtifactException e) {
      throw new PipelineException("invalid-artifacts", 400, e.getMessage());
    }
  }

  @GET
  @Path("/projects/{project}/dbt-artifacts")
  @Operation(summary = "What the latest delivered dbt manifest compiled to")
  public DbtArtifactsInbox.Received latest(
      @PathParam("project") String project, @HeaderParam("Authorization") String authorization) {
    authorize(authorization);
    requireProject(project);
    return inbox
        .latest(project)
        .orElseThrow(
            () ->
                new PipelineException(
                    "no-artifacts", 404, "no dbt artifacts delivered for project " + project));
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
    boolean served = bundles.current().map(b -> b.projects().containsKey(project)).orElse(false);
    if (!served) {
      throw new PipelineException(
          "project-not-found", 404, "this engine serves no project " + project);
    }
  }
}
