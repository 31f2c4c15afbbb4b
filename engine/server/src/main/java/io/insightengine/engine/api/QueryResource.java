package io.insightengine.engine.api;

import io.insightengine.engine.history.QueryHistory;
import io.insightengine.engine.pipeline.Answer;
import io.insightengine.engine.pipeline.PipelineException;
import io.insightengine.engine.pipeline.QueryPipeline;
import io.insightengine.engine.query.SemanticQuery;
import io.insightengine.engine.security.Principal;
import io.vertx.core.http.HttpServerResponse;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The NL-to-SQL API. Thin: every decision is the pipeline's. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "questions")
public class QueryResource {
  /** Kubernetes object names (RFC 1123 subdomains), the only names a Project can have. */
  static final String PROJECT_PATTERN = "^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$";

  private static final java.util.regex.Pattern PROJECT_NAME =
      java.util.regex.Pattern.compile(PROJECT_PATTERN);

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
  public record QuestionRequest(
      @Schema(
              required = true,
              minLength = 1,
              maxLength = MAX_QUESTION_LENGTH,
              description =
                  "The question; with query, the question the reading was offered for (kept in"
                      + " the history)")
          String question,
      @Schema(
              description = "The Project (optional when the engine serves one)",
              maxLength = 253,
              pattern = PROJECT_PATTERN)
          String project,
      @Schema(description = "One of the readings a clarification offered, answered as it is")
          SemanticQuery query) {}

  /** Caller-supplied SQL to run through the same checks as generated SQL. */
  public record SqlRequest(
      @Schema(required = true, minLength = 1, maxLength = MAX_SQL_LENGTH) String sql,
      @Schema(
              description = "The Project (optional when the engine serves one)",
              maxLength = 253,
              pattern = PROJECT_PATTERN)
          String project) {}

  static final int MAX_QUESTION_LENGTH = 2_000;
  static final int MAX_SQL_LENGTH = 100_000;

  @POST
  @Path("/ask")
  @Operation(summary = "Answer a question: SQL, rows and an explanation (all 7 stages)")
  public Answer ask(
      QuestionRequest request,
      @Context ContainerRequestContext context,
      @Context HttpServerResponse response) {
    return answer(request, true, context, response);
  }

  @POST
  @Path("/generate-sql")
  @Operation(summary = "Public: SQL and its explanation for a question, without running it")
  public Answer generateSql(
      QuestionRequest request,
      @Context ContainerRequestContext context,
      @Context HttpServerResponse response) {
    return answer(request, false, context, response);
  }

  private Answer answer(
      QuestionRequest request,
      boolean run,
      ContainerRequestContext context,
      HttpServerResponse response) {
    return pipeline.ask(
        question(request),
        request.query(),
        request.project(),
        run,
        principal(),
        CorrelationId.of(context),
        response::closed);
  }

  @POST
  @Path("/sql/generate")
  @Operation(summary = "SQL and its explanation for a question, without running it")
  public Answer sqlGenerate(
      QuestionRequest request,
      @Context ContainerRequestContext context,
      @Context HttpServerResponse response) {
    // The same answer as the public endpoint; authentication will tell them apart.
    return generateSql(request, context, response);
  }

  @POST
  @Path("/sql/execute")
  @Operation(
      summary = "Run caller-supplied SQL through the firewall, limits, masking and execution")
  public Answer execute(
      SqlRequest request,
      @Context ContainerRequestContext context,
      @Context HttpServerResponse response) {
    if (request == null || request.sql() == null || request.sql().isBlank()) {
      throw new PipelineException("invalid-sql", 400, "sql must not be empty");
    }
    if (request.sql().length() > MAX_SQL_LENGTH) {
      throw new PipelineException(
          "invalid-sql", 400, "sql is longer than " + MAX_SQL_LENGTH + " characters");
    }
    requireProjectName(request.project());
    return pipeline.executeSql(
        request.sql(), request.project(), principal(), CorrelationId.of(context), response::closed);
  }

  @GET
  @Path("/sql/history")
  @Operation(summary = "The most recent questions and queries, newest first")
  public List<QueryHistory.Entry> history(
      @QueryParam("project") @Schema(maxLength = 253, pattern = PROJECT_PATTERN) String project,
      @QueryParam("limit")
          @DefaultValue("50")
          @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50")
          String limit,
      @Context jakarta.ws.rs.core.UriInfo uri) {
    // Read from the query string as sent: JAX-RS gives the default for "limit=" and the first of
    // repeated values, and answers a value it cannot convert with 404.
    project = single(uri, "project", project);
    String rawLimit = single(uri, "limit", limit);
    int rows;
    try {
      rows = Integer.parseInt(rawLimit.strip());
    } catch (NumberFormatException e) {
      rows = -1;
    }
    if (rows < 1 || rows > 500) {
      throw new PipelineException(
          "invalid-limit", 400, "limit must be a whole number between 1 and 500");
    }
    requireProjectName(project);
    return history.recent(project, rows);
  }

  /**
   * The one value of query parameter {@code name} as sent, else {@code absent}; repeats are 400.
   */
  private static String single(jakarta.ws.rs.core.UriInfo uri, String name, String absent) {
    List<String> values = uri.getQueryParameters().get(name);
    if (values == null || values.isEmpty()) {
      return absent;
    }
    if (values.size() > 1) {
      throw new PipelineException(
          "invalid-parameter", 400, "give " + name + " once, not " + values.size() + " times");
    }
    return values.get(0);
  }

  private static void requireProjectName(String project) {
    if (project != null && !PROJECT_NAME.matcher(project).matches()) {
      throw new PipelineException(
          "invalid-project",
          400,
          "project must be a Project's name (lower-case letters, digits, '-' and '.')");
    }
  }

  private static String question(QuestionRequest request) {
    if (request == null || request.question() == null || request.question().isBlank()) {
      throw new PipelineException(
          "invalid-question",
          400,
          "question must not be empty (with query: the question the reading was offered for)");
    }
    if (request.question().length() > MAX_QUESTION_LENGTH) {
      throw new PipelineException(
          "invalid-question",
          400,
          "question is longer than " + MAX_QUESTION_LENGTH + " characters");
    }
    if (request.query() != null && request.query().select().isEmpty()) {
      throw new PipelineException(
          "invalid-semantic-query", 400, "query.select must name at least one selection");
    }
    requireProjectName(request.project());
    return request.question();
  }

  /** Authentication arrives with the security issue; until then every caller is anonymous. */
  private static Principal principal() {
    return Principal.ANONYMOUS;
  }
}
