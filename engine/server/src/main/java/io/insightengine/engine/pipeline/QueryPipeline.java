package io.insightengine.engine.pipeline;

import io.insightengine.engine.bundle.ConfigBundle;
import io.insightengine.engine.bundle.ConfigBundleHolder;
import io.insightengine.engine.bundle.ProjectRuntime;
import io.insightengine.engine.generate.GenerationRequest;
import io.insightengine.engine.generate.GenerationResult;
import io.insightengine.engine.generate.OfflineSemanticGenerator;
import io.insightengine.engine.history.QueryHistory;
import io.insightengine.engine.query.Interpretation;
import io.insightengine.engine.query.SemanticQuery;
import io.insightengine.engine.query.SemanticQueryCompiler;
import io.insightengine.engine.security.Principal;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import net.sf.jsqlparser.statement.select.Select;

/**
 * The 7-stage pipeline: interpret, generate, validate, optimize, sanitize, execute, explain. Each
 * stage is timed (returned in the answer and exported as {@code insight_pipeline_stage_seconds}).
 * Caller-supplied SQL goes through exactly the same validate, optimize and sanitize stages as
 * generated SQL: there is no path around the firewall.
 */
@ApplicationScoped
public class QueryPipeline {
  private final ConfigBundleHolder bundles;
  private final InterpretStage interpret;
  private final GenerateStage generate;
  private final ValidateStage validate;
  private final OptimizeStage optimize;
  private final SanitizeStage sanitize;
  private final ExecuteStage execute;
  private final ExplainStage explain;
  private final QueryHistory history;
  private final MeterRegistry metrics;

  public QueryPipeline(
      ConfigBundleHolder bundles,
      InterpretStage interpret,
      GenerateStage generate,
      ValidateStage validate,
      OptimizeStage optimize,
      SanitizeStage sanitize,
      ExecuteStage execute,
      ExplainStage explain,
      QueryHistory history,
      MeterRegistry metrics) {
    this.bundles = bundles;
    this.interpret = interpret;
    this.generate = generate;
    this.validate = validate;
    this.optimize = optimize;
    this.sanitize = sanitize;
    this.execute = execute;
    this.explain = explain;
    this.history = history;
    this.metrics = metrics;
  }

  /**
   * A question, or a semantic query a client chose (one of the readings a clarification offered):
   * the query is compiled as it is, without interpreting the question again. {@code run} executes
   * the SQL, otherwise only SQL and explanation come back.
   */
  public Answer ask(
      String question,
      SemanticQuery chosen,
      String projectName,
      boolean run,
      Principal principal,
      String correlationId,
      BooleanSupplier abandoned) {
    ProjectRuntime project = project(projectName);
    StageTimings timings = new StageTimings();
    String sql = null;
    String generator = null;
    try {
      Interpretation intent =
          chosen != null
              ? new Interpretation(
                  question, chosen, null, List.of(), List.of(), List.of(), List.of(), 1.0)
              : timed("interpret", timings, () -> interpret.interpret(question, project));
      GenerationResult generated =
          timed(
              "generate",
              timings,
              () ->
                  chosen != null
                      ? compileChosen(chosen, project)
                      : generate.generate(
                          new GenerationRequest(
                              question, intent, project.semantics(), interpret.today())));
      if (generated instanceof GenerationResult.NeedsClarification clarification) {
        Answer answer =
            new Answer(
                Answer.NEEDS_CLARIFICATION,
                correlationId,
                project.name(),
                question,
                null,
                null,
                clarification.message(),
                null,
                null,
                null,
                null,
                null,
                clarification.candidates(),
                intent.query(),
                intent.readings(),
                intent.unplaced(),
                timings.asMap());
        record(answer, principal, null);
        return answer;
      }
      GenerationResult.Generated result = (GenerationResult.Generated) generated;
      generator = result.generator();
      sql = result.sql();
      Answer answer =
          runSql(
              sql,
              project,
              run,
              principal,
              timings,
              intent,
              question,
              generator,
              correlationId,
              abandoned);
      record(answer, principal, answer.rows() == null ? null : answer.rows().size());
      return answer;
    } catch (PipelineException e) {
      recordFailure(e, correlationId, project, principal, question, sql, generator, timings);
      throw e;
    }
  }

  /** Caller-supplied SQL, through validate, optimize, sanitize, execute, explain. */
  public Answer executeSql(
      String sql,
      String projectName,
      Principal principal,
      String correlationId,
      BooleanSupplier abandoned) {
    ProjectRuntime project = project(projectName);
    StageTimings timings = new StageTimings();
    try {
      Answer answer =
          runSql(
              sql, project, true, principal, timings, null, null, null, correlationId, abandoned);
      record(answer, principal, answer.rows().size());
      return answer;
    } catch (PipelineException e) {
      recordFailure(e, correlationId, project, principal, null, sql, null, timings);
      throw e;
    }
  }

  private Answer runSql(
      String sql,
      ProjectRuntime project,
      boolean run,
      Principal principal,
      StageTimings timings,
      Interpretation intent,
      String question,
      String generator,
      String correlationId,
      BooleanSupplier abandoned) {
    // The project's query timeout bounds everything from here: plan, query, rows, masking.
    Deadline deadline = Deadline.after(project.queryTimeout(), abandoned);
    ValidateStage.Validated validated =
        timed("validate", timings, () -> validate.validate(sql, project, generator != null));
    Select policed =
        timed(
            "sanitize",
            timings,
            () -> sanitize.applyPolicies(validated.select(), principal, project));
    OptimizeStage.Optimized optimized =
        timed(
            "optimize",
            timings,
            () -> optimize.optimize(policed, validated.tables(), project, run, deadline));
    QueryResult result = null;
    if (run) {
      QueryResult raw =
          timed("execute", timings, () -> execute.execute(optimized.sql(), project, deadline));
      result = timed("sanitize", timings, () -> sanitize.maskResult(raw, project, deadline));
    }
    QueryResult shown = result;
    ExplainStage.Explanation explanation =
        timed(
            "explain",
            timings,
            () ->
                intent != null
                    ? explain.explain(intent, project, shown)
                    : explain.explainSql(shown, validated.tables()));
    return new Answer(
        Answer.ANSWERED,
        correlationId,
        project.name(),
        question,
        optimized.sql(),
        generator,
        explanation.description(),
        explanation.summary(),
        result == null ? null : result.columns(),
        result == null ? null : result.rows(),
        result == null ? null : result.truncated(),
        result == null ? null : result.truncation(),
        null,
        intent == null ? null : intent.query(),
        null,
        null,
        timings.asMap());
  }

  /** A client's semantic query, compiled as sent; a query the model cannot compute is a 400. */
  private GenerationResult compileChosen(SemanticQuery query, ProjectRuntime project) {
    try {
      String sql = new SemanticQueryCompiler(project.semantics()).compile(query, interpret.today());
      return new GenerationResult.Generated(sql, OfflineSemanticGenerator.NAME, 1.0);
    } catch (SemanticQueryCompiler.CannotCompile e) {
      throw new PipelineException("invalid-semantic-query", 400, e.getMessage());
    }
  }

  private void recordFailure(
      PipelineException e,
      String correlationId,
      ProjectRuntime project,
      Principal principal,
      String question,
      String sql,
      String generator,
      StageTimings timings) {
    String status = e.type().startsWith("sql-refused") ? "refused" : "failed";
    history.record(
        new QueryHistory.Outcome(
            correlationId,
            project.name(),
            principal.name(),
            question,
            sql,
            status,
            generator,
            null,
            timings.asMap(),
            e.getMessage()));
    metrics.counter("insight.pipeline.answers", "status", status).increment();
  }

  private void record(Answer answer, Principal principal, Integer rows) {
    history.record(
        new QueryHistory.Outcome(
            answer.correlationId(),
            answer.project(),
            principal.name(),
            answer.question(),
            answer.sql(),
            answer.status(),
            answer.generator(),
            rows,
            answer.timingsMs(),
            null));
    metrics.counter("insight.pipeline.answers", "status", answer.status()).increment();
  }

  private ProjectRuntime project(String name) {
    ConfigBundle bundle =
        bundles
            .current()
            .orElseThrow(
                () ->
                    new PipelineException(
                        "not-configured",
                        503,
                        "the engine has no valid configuration loaded"
                            + bundles.lastError().map(e -> ": " + e).orElse("")));
    if (name == null || name.isBlank()) {
      if (bundle.projectNames().size() != 1) {
        throw new PipelineException(
            "project-required",
            400,
            "name the project: this engine serves " + String.join(", ", bundle.projectNames()));
      }
      name = bundle.projectNames().get(0); // the only project, served or not (then: why not)
    }
    String requested = name;
    var refusal = bundle.refusal(requested);
    if (refusal.isPresent()) {
      throw new PipelineException(
          "project-unavailable",
          503,
          "project "
              + requested
              + " is not served ("
              + refusal.get().reason()
              + "): "
              + refusal.get().message());
    }
    return bundle
        .project(requested)
        .orElseThrow(
            () ->
                new PipelineException(
                    "project-not-found",
                    404,
                    "no project "
                        + requested
                        + "; this engine serves "
                        + String.join(", ", bundle.projectNames())));
  }

  private <T> T timed(String stage, StageTimings timings, Supplier<T> work) {
    long start = System.nanoTime();
    try {
      return work.get();
    } finally {
      long nanos = System.nanoTime() - start;
      timings.record(stage, nanos);
      Timer.builder("insight.pipeline.stage")
          .tag("stage", stage)
          .register(metrics)
          .record(nanos, TimeUnit.NANOSECONDS);
    }
  }
}
