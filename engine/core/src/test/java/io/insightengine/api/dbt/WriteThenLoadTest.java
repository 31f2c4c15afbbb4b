package io.insightengine.api.dbt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.insightengine.api.manifest.ManifestLoader;
import io.insightengine.api.manifest.RepoPaths;
import io.insightengine.api.v1alpha1.common.LocalObjectReference;
import io.insightengine.api.v1alpha1.semantic.ColumnSpec;
import io.insightengine.api.v1alpha1.semantic.MeasureSpec;
import io.insightengine.api.v1alpha1.semantic.ModelSpec;
import io.insightengine.api.v1alpha1.semantic.NonAdditiveDimensionSpec;
import io.insightengine.api.v1alpha1.semantic.SemanticModel;
import io.insightengine.api.v1alpha1.semantic.SemanticModelSpec;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Whatever the compiler writes, the engine's own loader accepts, and it reads back what was
 * compiled: over the reference project's artifacts, over a second dbt project read from its files,
 * and over generated manifests whose accepted_values are numbers, booleans, dates and strings that
 * YAML would read as something else.
 */
class WriteThenLoadTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path ROOT = RepoPaths.root();

  /** Writes {@code spec}, loads it with ManifestLoader and checks it reads back unchanged. */
  static SemanticModelSpec roundTrip(SemanticModelSpec spec, String source) throws Exception {
    String yaml = new SemanticModelWriter().write("round-trip", "demo", spec, source);
    List<SemanticModel> loaded =
        new ManifestLoader().load(source, yaml).ofType(SemanticModel.class);
    assertThat(loaded).hasSize(1);
    SemanticModelSpec expected = JSON.convertValue(spec, SemanticModelSpec.class);
    expected.setProjectRef(new LocalObjectReference("demo"));
    expected.setDbt(null);
    JsonNode readBack = JSON.valueToTree(loaded.get(0).getSpec());
    JsonNode written = JSON.valueToTree(expected);
    assertThat(readBack).as("what %s reads back", source).isEqualTo(written);
    return loaded.get(0).getSpec();
  }

  @Test
  void theReferenceProjectRoundTrips() throws Exception {
    Path artifacts = ROOT.resolve("dbt/artifacts");
    DbtProject project =
        new DbtManifestReader()
            .read(artifacts.resolve("manifest.json"), artifacts.resolve("catalog.json"));
    for (List<String> select : List.of(List.<String>of(), List.of("path:models/marts"))) {
      roundTrip(new SemanticCompiler().compile(project, select).spec(), "reference " + select);
    }
  }

  @Test
  void theLogisticsProjectRoundTripsWithWhatItDeclares() throws Exception {
    DbtProject project = new DbtProjectFilesReader().read(ROOT.resolve("dbt/eval/logistics"));
    SemanticCompiler.Result result =
        new SemanticCompiler().compile(project, List.of("path:models/marts"));
    SemanticModelSpec spec = roundTrip(result.spec(), "logistics");

    ModelSpec parcels = model(spec, "fct_parcels");
    ColumnSpec serviceLevel = column(parcels, "service_level");
    assertThat(serviceLevel.getValueSynonyms().get("EXP")).contains("express", "next day");
    assertThat(serviceLevel.getSynonyms()).contains("delivery option");
    assertThat(column(parcels, "weight_kg").getUnit()).as("meta.unit").isEqualTo("kg");
    assertThat(column(model(spec, "dim_shippers"), "contact_email").getPii())
        .isEqualTo(io.insightengine.api.v1alpha1.semantic.PiiClass.EMAIL);
    assertThat(column(model(spec, "dim_drivers"), "driver_name").getPii())
        .isEqualTo(io.insightengine.api.v1alpha1.semantic.PiiClass.NAME);
    assertThat(column(model(spec, "dim_shippers"), "payment_terms_days").getValues())
        .as("numeric accepted_values stay strings")
        .containsExactly("14", "30", "45", "60");
    assertThat(parcels.getDefaultTimeDimension()).isEqualTo("shipped_date");
    assertThat(measure(parcels, "parcels_delivered").getAggTimeDimension())
        .isEqualTo("delivered_date");
    assertThat(measure(parcels, "parcels_booked").getAggTimeDimension()).isEqualTo("created_date");
    assertThat(measure(parcels, "parcels_shipped").getAggTimeDimension())
        .as("dated by the model's default")
        .isNull();
    assertThat(spec.getMetrics())
        .filteredOn(m -> m.getName().equals("express_parcels"))
        .singleElement()
        .satisfies(m -> assertThat(m.getFilter()).isEqualTo("service_level = 'EXP'"));
    assertThat(spec.getMetrics()).hasSize(31);
    assertThat(result.warnings())
        .anySatisfy(w -> assertThat(w).startsWith("metric revenue_growth_yoy left out"))
        .anySatisfy(w -> assertThat(w).startsWith("meta.steward not carried over"))
        .noneSatisfy(w -> assertThat(w).contains("meta.unit"))
        .noneSatisfy(w -> assertThat(w).contains("value_synonyms"))
        .noneSatisfy(w -> assertThat(w).contains("contains_pii"));
  }

  /** Values of every JSON type and strings YAML 1.1 would resolve to something else. */
  private static final List<Object> TRICKY =
      List.of(
          "007",
          "1e3",
          "true",
          "null",
          "yes",
          "on",
          "off",
          "No",
          "~",
          "0x1F",
          "1_000",
          "1:20",
          ".inf",
          "-.5",
          "+1",
          "2024-01-31",
          "2024-01-31T10:00:00Z",
          "",
          " padded ",
          "a: b",
          "#x",
          "- x",
          "[1]",
          "{a: 1}",
          "'q'",
          "\"dq\"",
          "tab\there",
          "line\nbreak",
          "ünï",
          "NaN",
          "0o17",
          "=",
          "<<",
          "!tag",
          "&anchor",
          "*alias",
          "%",
          "@at",
          "`tick`");

  private static JsonNode randomValue(Random random) {
    return switch (random.nextInt(6)) {
      case 0 -> JSON.getNodeFactory().numberNode(random.nextInt(2001) - 1000);
      case 1 -> JSON.getNodeFactory().numberNode(Math.round(random.nextDouble() * 1e4) / 100.0);
      case 2 -> JSON.getNodeFactory().booleanNode(random.nextBoolean());
      case 3 ->
          JSON.getNodeFactory()
              .textNode(java.time.LocalDate.ofEpochDay(random.nextInt(30000)).toString());
      default -> JSON.getNodeFactory().textNode((String) TRICKY.get(random.nextInt(TRICKY.size())));
    };
  }

  @Test
  void generatedManifestsRoundTripForEveryValueType() throws Exception {
    for (long seed = 1; seed <= 40; seed++) {
      Random random = new Random(seed);
      ObjectNode manifest = JSON.createObjectNode();
      manifest
          .putObject("metadata")
          .put("dbt_schema_version", "https://schemas.getdbt.com/dbt/manifest/v12.json")
          .put("project_name", "gen");
      ObjectNode nodes = manifest.putObject("nodes");
      ArrayNode semanticModels = manifest.putArray("semantic_models");
      List<List<String>> expected = new ArrayList<>();
      int models = 1 + random.nextInt(4);
      for (int m = 0; m < models; m++) {
        String id = "model.gen.t" + m;
        ObjectNode model = nodes.putObject(id);
        model
            .put("resource_type", "model")
            .put("unique_id", id)
            .put("name", "t" + m)
            .put("package_name", "gen")
            .put("schema", "s")
            .put("original_file_path", "models/t" + m + ".sql");
        ObjectNode columns = model.putObject("columns");
        columns.putObject("day").put("name", "day").put("data_type", "date");
        int columnCount = 1 + random.nextInt(5);
        for (int c = 0; c < columnCount; c++) {
          String name = "c" + c;
          ObjectNode column = columns.putObject(name).put("name", name).put("data_type", "text");
          ArrayNode values = JSON.createArrayNode();
          List<String> texts = new ArrayList<>();
          for (int v = 0, n = 1 + random.nextInt(6); v < n; v++) {
            JsonNode value = randomValue(random);
            if (!texts.contains(value.asText())) {
              values.add(value);
              texts.add(value.asText());
            }
          }
          expected.add(texts);
          // Value synonyms keyed by the same tricky values, under a spelling teams use.
          ObjectNode synonyms =
              column
                  .putObject("config")
                  .putObject("meta")
                  .putObject(random.nextBoolean() ? "valueSynonyms" : "value_aliases");
          synonyms.putArray(texts.get(0)).add(texts.get(texts.size() - 1));
          ObjectNode test = nodes.putObject("test.gen." + m + "_" + c);
          test.put("resource_type", "test")
              .put("attached_node", id)
              .put("column_name", name)
              .putObject("test_metadata")
              .put("name", "accepted_values")
              .putObject("kwargs")
              .set("values", values);
        }
        ObjectNode sm = semanticModels.addObject();
        sm.put("name", "sm" + m).put("model", "ref('t" + m + "')");
        sm.putObject("defaults").put("agg_time_dimension", "day");
        ArrayNode entities = sm.putArray("entities");
        entities.addObject().put("name", "e" + m).put("type", "primary").put("expr", "c0");
        if (m > 0) {
          // A join declared only by the semantic layer: t<m>.c0 refers to t0's primary entity.
          entities.addObject().put("name", "e0").put("type", "foreign").put("expr", "c0");
        }
        entities.addObject().put("name", "nowhere").put("type", "foreign").put("expr", "day");
        ArrayNode dims = sm.putArray("dimensions");
        dims.addObject()
            .put("name", "day")
            .put("type", "time")
            .putObject("type_params")
            .put("time_granularity", "day");
        dims.addObject()
            .put("name", "other_day")
            .put("type", "time")
            .put("expr", "day")
            .putObject("type_params")
            .put("time_granularity", "day");
        ObjectNode measure =
            sm.putArray("measures").addObject().put("name", "m" + m).put("agg", "sum");
        measure.put("expr", "c0").put("agg_time_dimension", "other_day");
        measure
            .putObject("non_additive_dimension")
            .put("name", "day")
            .put("window_choice", random.nextBoolean() ? "max" : "min")
            .putArray("window_groupings")
            .add("e" + m);
      }
      DbtProject project =
          new DbtManifestReader()
              .read(
                  new ByteArrayInputStream(JSON.writeValueAsBytes(manifest)),
                  null,
                  "generated manifest " + seed);
      SemanticCompiler.Result result = new SemanticCompiler().compile(project, List.of());
      SemanticModelSpec loaded = roundTrip(result.spec(), "generated manifest " + seed);

      List<List<String>> values = new ArrayList<>();
      for (ModelSpec model : loaded.getModels()) {
        model.getColumns().stream()
            .filter(c -> !c.getName().equals("day"))
            .forEach(c -> values.add(c.getValues()));
        MeasureSpec measure = model.getMeasures().get(0);
        assertThat(measure.getAggTimeDimension()).isEqualTo("other_day");
        NonAdditiveDimensionSpec nonAdditive = measure.getNonAdditiveDimension();
        assertThat(nonAdditive.getName()).isEqualTo("day");
        assertThat(nonAdditive.getWindowGroupings()).containsExactly("c0");
        assertThat(model.getColumns().get(1).getValueSynonyms()).isNotEmpty();
      }
      assertThat(values).as("seed %d", seed).isEqualTo(expected);
      assertThat(loaded.getRelationships())
          .as("joins from foreign entities")
          .hasSize(models - 1)
          .allSatisfy(
              r -> {
                assertThat(r.getTo()).isEqualTo("sm0");
                assertThat(r.getFromColumns()).containsExactly("c0");
              });
      assertThat(result.warnings())
          .filteredOn(w -> w.startsWith("foreign entity nowhere of semantic model"))
          .hasSize(models)
          .allSatisfy(
              w -> assertThat(w).contains("no semantic model has it as its primary entity"));
    }
  }

  private static ModelSpec model(SemanticModelSpec spec, String dbtModel) {
    return spec.getModels().stream()
        .filter(m -> dbtModel.equals(m.getDbtModel()))
        .findFirst()
        .orElseThrow();
  }

  private static ColumnSpec column(ModelSpec model, String name) {
    return model.getColumns().stream()
        .filter(c -> c.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static MeasureSpec measure(ModelSpec model, String name) {
    return model.getMeasures().stream()
        .filter(m -> m.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }
}
