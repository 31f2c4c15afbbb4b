package io.insightengine.engine.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.insightengine.api.dbt.LogisticsBuild;
import io.insightengine.api.v1alpha1.semantic.RelationshipSpec;
import io.insightengine.api.v1alpha1.semantic.SemanticModelSpec;
import io.insightengine.engine.semantic.SemanticLayer;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A table joined in two roles (the logistics parcels' origin and destination depots): the dbt
 * compiler marks the join of the entity named like the depots' primary entity as the default, the
 * query compiler joins through it, and without exactly one default it asks which role is meant.
 */
class DefaultJoinTest {
  private SemanticModelSpec spec;

  @BeforeEach
  void compileLogistics() throws Exception {
    spec = LogisticsBuild.compiledMarts();
  }

  private List<RelationshipSpec> parcelsToDepots() {
    return spec.getRelationships().stream()
        .filter(r -> r.getFrom().equals("parcels") && r.getTo().equals("depots"))
        .toList();
  }

  private String parcelsByDepot() {
    return parcelsByDepot(List.of());
  }

  private String parcelsByDepot(List<SemanticQuery.Role> roles) {
    SemanticQuery query =
        new SemanticQuery(
                List.of(new SemanticQuery.RowCount("parcels")),
                List.of(
                    new SemanticQuery.GroupBy(SemanticQuery.Field.of("depots.depot_name"), null)),
                List.of(),
                List.of(),
                List.of(),
                null,
                false)
            .withRoles(roles);
    return new SemanticQueryCompiler(new SemanticLayer(spec))
        .compile(query, LocalDate.of(2026, 10, 20));
  }

  @Test
  void theDbtCompilerMarksTheJoinOfTheEntityNamedLikeTheTargetsPrimaryEntity() {
    assertThat(parcelsToDepots())
        .extracting(r -> r.getFromColumns().get(0), RelationshipSpec::getDefaultJoin)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("destination_depot_id", true),
            org.assertj.core.groups.Tuple.tuple("origin_depot_id", null));
    assertThat(spec.getRelationships())
        .as("a pair joined once needs no mark")
        .filteredOn(r -> r.getFrom().equals("parcels") && r.getTo().equals("shippers"))
        .extracting(RelationshipSpec::getDefaultJoin)
        .containsOnlyNulls();
  }

  @Test
  void aQuestionNamingNoRoleIsJoinedThroughTheDefault() {
    assertThat(parcelsByDepot())
        .contains("ON parcels.destination_depot_id = depots.depot_id")
        .doesNotContain("origin_depot_id");
  }

  @Test
  void withoutOneDefaultTheRoleIsAskedBack() {
    parcelsToDepots().forEach(r -> r.setDefaultJoin(null));
    assertThatThrownBy(this::parcelsByDepot)
        .isInstanceOf(SemanticQueryCompiler.CannotCompile.class)
        .hasMessageContaining("in 2 ways");
    parcelsToDepots().forEach(r -> r.setDefaultJoin(true));
    assertThatThrownBy(this::parcelsByDepot)
        .as("two defaults are none")
        .isInstanceOf(SemanticQueryCompiler.CannotCompile.class)
        .hasMessageContaining("in 2 ways");
  }

  @Test
  void aRoleChosenInTheQueryJoinsThroughItsRelationship() {
    parcelsToDepots().forEach(r -> r.setDefaultJoin(null));
    assertThat(
            parcelsByDepot(
                List.of(new SemanticQuery.Role("parcels", List.of("origin_depot_id"), "depots"))))
        .contains("ON parcels.origin_depot_id = depots.depot_id")
        .doesNotContain("destination_depot_id");
    assertThatThrownBy(
            () ->
                parcelsByDepot(
                    List.of(new SemanticQuery.Role("parcels", List.of("weight_kg"), "depots"))))
        .as("a role the model does not declare")
        .isInstanceOf(SemanticQueryCompiler.CannotCompile.class)
        .hasMessageContaining("no relationship joins parcels by weight_kg to depots");
    assertThatThrownBy(
            () -> parcelsByDepot(List.of(new SemanticQuery.Role("parcels", List.of(), null))))
        .as("a role that says nothing")
        .isInstanceOf(SemanticQueryCompiler.CannotCompile.class)
        .hasMessageContaining("incomplete at roles[0]");
  }

  @Test
  void theInterpreterChoosesTheRoleTheQuestionsVerbNamesAndOffersEachOtherwise() {
    parcelsToDepots().forEach(r -> r.setDefaultJoin(null));
    var interpreter =
        new io.insightengine.engine.interpret.QuestionInterpreter(
            new io.insightengine.engine.interpret.TimeExpressions(
                java.time.Clock.fixed(
                    java.time.Instant.parse("2026-10-20T10:00:00Z"), java.time.ZoneOffset.UTC)));
    SemanticLayer layer = new SemanticLayer(spec);
    // "Depot that collected the parcel from the shipper": the origin.
    var collected = interpreter.interpret("How many parcels did each depot collect?", layer);
    assertThat(collected.query().roles())
        .containsExactly(new SemanticQuery.Role("parcels", List.of("origin_depot_id"), "depots"));
    var unnamed = interpreter.interpret("How many parcels per depot?", layer);
    assertThat(unnamed.understood()).isFalse();
    assertThat(unnamed.clarifications()).anyMatch(c -> c.contains("in 2 ways"));
    assertThat(unnamed.readings())
        .as("each role a reading a client can send back")
        .extracting(r -> r.query().roles().get(0).fromColumns().get(0))
        .containsExactlyInAnyOrder("origin_depot_id", "destination_depot_id");
  }
}
