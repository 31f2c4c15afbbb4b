package io.insightengine.engine.interpret;

import io.insightengine.api.v1alpha1.semantic.ColumnSpec;
import io.insightengine.engine.query.SemanticQuery;
import io.insightengine.engine.semantic.SemanticLayer;
import io.insightengine.engine.semantic.Words;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The recogniser of roles: where a model reaches another by several relationships (a requester and
 * an assignee, an origin and a destination) and none is the default, which one the question means,
 * by the words of its key column ("assignee", "owner" of a synonym) or the verbs of that column's
 * description ("Agent who *resolved* the ticket": "which agent resolved the most"). A role is
 * chosen only when the question's words name exactly one; otherwise it stays a question back, with
 * each role offered as a reading.
 */
final class Roles {
  private final SemanticLayer layer;

  Roles(SemanticLayer layer) {
    this.layer = layer;
  }

  /** An ambiguous step of a query: two models joined by several relationships, none default. */
  record Ambiguity(String from, String to, List<SemanticLayer.Join> joins) {
    SemanticQuery.Role role(SemanticLayer.Join join) {
      return new SemanticQuery.Role(from, join.fromColumns(), to);
    }
  }

  /** The steps from the query's base to the models it names that need a role chosen. */
  List<Ambiguity> ambiguities(SemanticQuery query, String base) {
    Set<String> models = new LinkedHashSet<>();
    for (SemanticQuery.Selection s : query.select()) {
      Optional.ofNullable(layer.modelOf(s)).ifPresent(models::add);
    }
    query.groupBy().forEach(g -> models.add(g.field().model()));
    for (SemanticQuery.Filter f : query.filters()) {
      Optional.ofNullable(layer.modelOf(f)).ifPresent(models::add);
    }
    List<Ambiguity> found = new ArrayList<>();
    for (String model : models) {
      if (model.equals(base)) {
        continue;
      }
      for (SemanticLayer.Join step : layer.toOnePath(base, model).orElse(List.of())) {
        List<SemanticLayer.Join> joins = layer.directToOneJoins(step.from(), step.to());
        boolean chosen =
            query.roles().stream()
                .anyMatch(r -> r.from().equals(step.from()) && r.to().equals(step.to()));
        if (joins.size() > 1
            && layer.defaultJoin(step.from(), step.to()).isEmpty()
            && !chosen
            && found.stream()
                .noneMatch(a -> a.from().equals(step.from()) && a.to().equals(step.to()))) {
          found.add(new Ambiguity(step.from(), step.to(), joins));
        }
      }
    }
    return found;
  }

  /** The one relationship of the ambiguity whose words the question says; empty if none or more. */
  Optional<SemanticLayer.Join> named(Ambiguity ambiguity, List<String> tokens) {
    Set<String> said = Set.copyOf(tokens);
    List<SemanticLayer.Join> named = new ArrayList<>();
    for (SemanticLayer.Join join : ambiguity.joins()) {
      if (roleWords(join).stream().anyMatch(said::contains)) {
        named.add(join);
      }
    }
    return named.size() == 1 ? Optional.of(named.get(0)) : Optional.empty();
  }

  /**
   * The words that tell a relationship from the others between the same models: its key columns'
   * names without the target's own words ("assignee" of {@code assignee_agent_id}), their synonyms,
   * and the verbs of their descriptions.
   */
  private Set<String> roleWords(SemanticLayer.Join join) {
    Set<String> targetWords = new LinkedHashSet<>(Words.tokens(join.to()));
    targetWords.add(Words.key("id"));
    targetWords.add(Words.key("key"));
    Set<String> words = new LinkedHashSet<>();
    SemanticLayer.Model from = layer.model(join.from()).orElse(null);
    for (String column : join.fromColumns()) {
      Words.tokens(column).stream().filter(w -> !targetWords.contains(w)).forEach(words::add);
      ColumnSpec spec = from == null ? null : from.columns().get(column);
      if (spec != null) {
        spec.getSynonyms().forEach(s -> words.addAll(Words.tokens(s)));
        if (spec.getDescription() != null) {
          words.addAll(TimeDimensionEvents.describedEvents(spec.getDescription()));
        }
      }
    }
    words.removeAll(targetWords);
    words.removeIf(QuestionGrammar::isFunctionWord);
    return words;
  }

  /** How a role is said in a reading: "by assignee agent id". */
  static String said(SemanticLayer.Join join) {
    return "by " + String.join(" and ", join.fromColumns()).replace('_', ' ');
  }
}
