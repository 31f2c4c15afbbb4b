package io.insightengine.engine.api;

import io.insightengine.engine.history.QueryHistory;
import io.insightengine.engine.pipeline.Answer;
import io.insightengine.engine.pipeline.PipelineException;
import io.insightengine.engine.pipeline.QueryPipeline;
import io.insightengine.engine.query.SemanticQuery;
import io.insightengine.engine.security.Principal;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The NL-to-SQL API. Thin: every decision is the pipeline's. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "questions")
public class QueryResource {
  /** Kubernetes object names (RFC 1123 subdomains), the only names a Project can have. */
  private static final java.util.regex.Pattern PROJECT_NAME =
      java.util.regex.Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

  private final QueryPipeline pipeline;
  private final QueryHistory history;

  public QueryResource(QueryPipeline pipeline, QueryHistory history) {
    this.pipeline = pipeline;
    this.history = history;
  }

  /**
   * A question, and the project it is about (optional when the engine serves one project); or, with
   * {@code query}, one of the readings a clarification offered, answered as it is.
   */
  public record QuestionRequest(String question, String project, SemanticQuery query) {}

  /** Caller-supplied SQL to run through the same checks as generated SQL. */
  public record SqlRequest(String sql, String project) {}

  @POST
  @Path("/ask")
  @Operation(summary = "Answer a question: SQL, rows and an explanation (all 7 stages)")
  public Answer ask(QuestionRequest request, @Context ContainerRequestContext context) {
    return answer(request, true, context);
  }

  @POST
  @Path("/generate-sql")
  @Operation(summary = "Public: SQL and its explanation for a question, without running it")
  public Answer generateSql(QuestionRequest request, @Context ContainerRequestContext context) {
    return answer(request, false, context);
  }

  private Answer answer(QuestionRequest request, boolean run, ContainerRequestContext context) {
    return pipeline.ask(
        question(request),
        request.query(),
        request.project(),
        run,
        principal(),
        CorrelationId.of(context));
  }

  @POST
  @Path("/sql/generate")
  @Operation(summary = "SQL and its explanation for a question, without running it")
  public Answer sqlGenerate(QuestionRequest request, @Context ContainerRequestContext context) {
    // The same answer as the public endpoint; authentication will tell them apart.
    return generateSql(request, context);
  }

  @POST
  @Path("/sql/execute")
  @Operation(
      summary = "Run caller-supplied SQL through the firewall, limits, masking and execution")
  public Answer execute(SqlRequest request, @Context ContainerRequestContext context) {
    if (request == null || request.sql() == null || request.sql().isBlank()) {
      throw new PipelineException("invalid-sql", 400, "sql must not be empty");
    }
    return pipeline.executeSql(
        request.sql(), request.project(), principal(), CorrelationId.of(context));
  }

  @GET
  @Path("/sql/history")
  @Operation(summary = "The most recent questions and queries, newest first")
  public List<QueryHistory.Entry> history(
      @QueryParam("project") String project, @QueryParam("limit") @DefaultValue("50") int limit) {
    if (limit < 1 || limit > 500) {
      throw new PipelineException("invalid-limit", 400, "limit must be between 1 and 500");
    }
    if (project != null && !PROJECT_NAME.matcher(project).matches()) {
      throw new PipelineException(
          "invalid-project", 400, "project must be a Project's name (a DNS label)");
    }
    return history.recent(project, limit);
  }

  private static String question(QuestionRequest request) {
    if (request != null && request.query() != null) {
      if (request.query().select().isEmpty()) {
        throw new PipelineException(
            "invalid-semantic-query", 400, "query.select must name at least one selection");
      }
      return request.question(); // the question the reading was offered for, if the client sent it
    }
    if (request == null || request.question() == null || request.question().isBlank()) {
      throw new PipelineException("invalid-question", 400, "question must not be empty");
    }
    return request.question();
  }

  /** Authentication arrives with the security issue; until then every caller is anonymous. */
  private static Principal principal() {
    return Principal.ANONYMOUS;
  }
}
