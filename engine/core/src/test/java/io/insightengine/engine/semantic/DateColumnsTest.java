package io.insightengine.engine.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import io.insightengine.api.v1alpha1.semantic.ColumnSpec;
import io.insightengine.api.v1alpha1.semantic.DimensionSpec;
import io.insightengine.api.v1alpha1.semantic.ModelSpec;
import io.insightengine.api.v1alpha1.semantic.SemanticModelSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DateColumnsTest {
  private static ModelSpec model(String name, String... columns) {
    ModelSpec model = new ModelSpec();
    model.setName(name);
    List<ColumnSpec> specs = new ArrayList<>();
    for (String column : columns) {
      ColumnSpec c = new ColumnSpec();
      c.setName(column);
      specs.add(c);
    }
    model.setColumns(specs);
    return model;
  }

  private static SemanticModelSpec spec(ModelSpec... models) {
    SemanticModelSpec spec = new SemanticModelSpec();
    spec.setModels(new ArrayList<>(List.of(models)));
    return spec;
  }

  @Test
  void dateColumnsTypedByTheWarehouseBecomeTimeDimensions() {
    SemanticModelSpec spec = spec(model("tickets", "ticket_id", "opened_at", "priority"));
    SemanticModelSpec dated =
        DateColumns.withWarehouseTypes(
                spec,
                Map.of(
                    "tickets",
                    Map.of(
                        "ticket_id",
                        "bigint",
                        "opened_at",
                        "timestamp with time zone",
                        "priority",
                        "text")))
            .orElseThrow();
    ModelSpec tickets = dated.getModels().get(0);
    assertThat(tickets.getDimensions())
        .extracting(DimensionSpec::getName, DimensionSpec::getType)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("opened_at", DimensionSpec.Type.TIME));
    assertThat(tickets.getColumns().get(0).getType()).isEqualTo("bigint");
    // The spec served so far is left as it was.
    assertThat(spec.getModels().get(0).getDimensions()).isEmpty();
  }

  @Test
  void nothingIsAddedWhenNoColumnHoldsDates() {
    SemanticModelSpec spec = spec(model("tickets", "ticket_id", "priority"));
    assertThat(
            DateColumns.withWarehouseTypes(
                spec, Map.of("tickets", Map.of("ticket_id", "bigint", "priority", "text"))))
        .isEmpty();
  }

  @Test
  void theDefaultIsTheDateNamedAfterTheModelsOwnRows() {
    SemanticModelSpec spec =
        spec(
            model("invoices", "invoice_id", "due_date", "invoice_date", "paid_date"),
            model("support_visits", "visited_at", "visit_date"),
            model("members", "member_id", "birth_date"));
    SemanticModelSpec dated =
        DateColumns.withWarehouseTypes(
                spec,
                Map.of(
                    "invoices",
                    Map.of("due_date", "date", "invoice_date", "date", "paid_date", "date"),
                    "support_visits",
                    Map.of("visited_at", "timestamp without time zone", "visit_date", "date"),
                    "members",
                    Map.of("birth_date", "date")))
            .orElseThrow();
    assertThat(dated.getModels())
        .extracting(ModelSpec::getDefaultTimeDimension)
        // A lone date that is not the row's own (a birth date) dates nothing by default.
        .containsExactly("invoice_date", "visit_date", null);
  }

  @Test
  void aDateTheProjectCallsJustDateIsTheDefault() {
    // Rides have a start and an end; the project calls the start's calendar date "date".
    ModelSpec rides = model("rides", "ride_id", "departed_at", "arrived_at", "departure_day");
    rides.getColumns().get(3).setSynonyms(new ArrayList<>(List.of("journey day", "Date")));
    // Two columns both called "date" name no default.
    ModelSpec visits = model("visits", "booked_on", "attended_on");
    visits.getColumns().get(0).setSynonyms(new ArrayList<>(List.of("date")));
    visits.getColumns().get(1).setSynonyms(new ArrayList<>(List.of("date")));
    SemanticModelSpec dated =
        DateColumns.withWarehouseTypes(
                spec(rides, visits),
                Map.of(
                    "rides",
                    Map.of(
                        "departed_at", "timestamp",
                        "arrived_at", "timestamp",
                        "departure_day", "date"),
                    "visits",
                    Map.of("booked_on", "date", "attended_on", "date")))
            .orElseThrow();
    assertThat(dated.getModels())
        .extracting(ModelSpec::getDefaultTimeDimension)
        .containsExactly("departure_day", null);
  }

  @Test
  void aDateWhoseDescriptionCountsTheModelsRowsIsTheDefault() {
    assertThat(
            DateColumns.countsTheRowsOf(
                "Day the claim was notified; claims are counted by it.", "claims"))
        .isTrue();
    assertThat(
            DateColumns.countsTheRowsOf(
                "Calendar date of the start; the date a ride is counted on.", "rides"))
        .isTrue();
    assertThat(
            DateColumns.countsTheRowsOf(
                "Day paid; claims paid in a period are dated by it.", "claim_payments"))
        .as("a narrower subject: the rows paid")
        .isFalse();
    assertThat(
            DateColumns.countsTheRowsOf("Last day of cover; lapses are dated by it.", "policies"))
        .isFalse();

    ModelSpec claims = model("claims", "claim_id", "loss_date", "reported_date", "closed_date");
    claims
        .getColumns()
        .get(2)
        .setDescription("Day the claim was notified; claims are counted by it.");
    SemanticModelSpec dated =
        DateColumns.withWarehouseTypes(
                spec(claims),
                Map.of(
                    "claims",
                    Map.of("loss_date", "date", "reported_date", "date", "closed_date", "date")))
            .orElseThrow();
    assertThat(dated.getModels().get(0).getDefaultTimeDimension()).isEqualTo("reported_date");
  }

  @Test
  void aDeclaredDefaultOrDimensionIsKept() {
    ModelSpec orders = model("orders", "order_date", "shipped_date");
    orders.setDefaultTimeDimension("shipped_date");
    DimensionSpec declared = new DimensionSpec();
    declared.setName("order_date");
    declared.setType(DimensionSpec.Type.CATEGORICAL);
    orders.setDimensions(new ArrayList<>(List.of(declared)));
    SemanticModelSpec dated =
        DateColumns.withWarehouseTypes(
                spec(orders),
                Map.of("orders", Map.of("order_date", "date", "shipped_date", "date")))
            .orElseThrow();
    ModelSpec served = dated.getModels().get(0);
    assertThat(served.getDefaultTimeDimension()).isEqualTo("shipped_date");
    assertThat(served.getDimensions())
        .extracting(DimensionSpec::getName, DimensionSpec::getType)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("order_date", DimensionSpec.Type.CATEGORICAL),
            org.assertj.core.groups.Tuple.tuple("shipped_date", DimensionSpec.Type.TIME));
  }

  @Test
  void timeTypesAreReadWithTheirPrecisionAndZone() {
    assertThat(DateColumns.isTimeType("timestamp(3) with time zone")).isTrue();
    assertThat(DateColumns.isTimeType("DATE")).isTrue();
    assertThat(DateColumns.isTimeType("time")).isFalse();
    assertThat(DateColumns.isTimeType("text")).isFalse();
    assertThat(DateColumns.isTimeType(null)).isFalse();
  }
}
