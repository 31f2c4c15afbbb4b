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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Internal endpoints, for the platform rather than for people: DbtRun jobs deliver dbt's
 * manifest.json here after a successful run, and the operator reads what the engine serves (the
 * bundle revision, each project's state) for the resources' status. Closed unless {@code
 * insight.internal.token} is set; callers present it as a bearer token (the operator generates one
 * per engine and hands it to the engine pods and the dbt jobs through a Secret).
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

  @POST
  @Path("/projects/{project}/dbt-artifacts")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Deliver a dbt manifest.json for a project (DbtRun jobs)")
  public Response deliver(
      @PathParam("project") String project,
      @QueryParam("dbtRun") String dbtRun,
      @HeaderParam("Authorization") String authorization,
      byte[] manifest) {
    authorize(authorization);
    requireProject(project);
    if (dbtRun == null || !DNS_NAME.matcher(dbtRun).matches()) {
      throw new PipelineException(
          "invalid-artifacts", 400, "name the DbtRun that built the artifacts: ?dbtRun=<name>");
    }
    if (manifest == null || manifest.length == 0) {
      throw new PipelineException("invalid-artifacts", 400, "the body must be dbt's manifest.json");
    }
    try {
      DbtArtifactsInbox.Received received = inbox.receive(project, dbtRun, manifest);
      bundles.reloadSoon(); // SemanticModels naming this DbtRun serve the new model
      return Response.accepted(received).build();
    } catch (DbtArtifactException e) {
      throw new PipelineException("invalid-artifacts", 400, e.getMessage());
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
