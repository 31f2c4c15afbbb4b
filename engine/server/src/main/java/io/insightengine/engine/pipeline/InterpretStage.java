package io.insightengine.engine.pipeline;

import io.insightengine.engine.bundle.ProjectRuntime;
import io.insightengine.engine.config.EngineConfig;
import io.insightengine.engine.interpret.QuestionInterpreter;
import io.insightengine.engine.interpret.TimeExpressions;
import io.insightengine.engine.query.Interpretation;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.ZoneOffset;

/** Stage 1: question → intent, from the project's semantic model. */
@ApplicationScoped
public class InterpretStage {
  private final TimeExpressions time;
  private final QuestionInterpreter interpreter;

  public InterpretStage(EngineConfig config) {
    Clock clock =
        config
            .today()
            .map(day -> Clock.fixed(day.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC))
            .orElse(Clock.systemUTC());
    this.time = new TimeExpressions(clock);
    this.interpreter = new QuestionInterpreter(time);
  }

  /** The day questions are read against. */
  public java.time.LocalDate today() {
    return time.today();
  }

  public Interpretation interpret(String question, ProjectRuntime project) {
    if (question == null || question.isBlank()) {
      throw new PipelineException("invalid-question", 400, "question must not be empty");
    }
    if (question.length() > 2000) {
      throw new PipelineException(
          "invalid-question", 400, "question must be at most 2000 characters");
    }
    return interpreter.interpret(question, project.semantics());
  }
}
