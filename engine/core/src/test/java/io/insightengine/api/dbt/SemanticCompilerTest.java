package io.insightengine.api.dbt;

import static org.assertj.core.api.Assertions.assertThat;

import io.insightengine.api.manifest.LoadedManifests;
import io.insightengine.api.manifest.ManifestLoader;
import io.insightengine.api.manifest.RepoPaths;
import io.insightengine.api.v1alpha1.semantic.ColumnSpec;
import io.insightengine.api.v1alpha1.semantic.MetricSpec;
import io.insightengine.api.v1alpha1.semantic.ModelSpec;
import io.insightengine.api.v1alpha1.semantic.RelationshipSpec;
import io.insightengine.api.v1alpha1.semantic.SemanticModel;
import io.insightengine.api.v1alpha1.semantic.SemanticModelSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The compiler on the reference project's committed artifacts (kept equal to what real dbt builds
 * by DbtProjectBuildTest): every mart and column comes out with its description, type, keys, joins
 * and metrics; the project's YAML files alone give the same structure; the reviewed
 * examples/quickstart/15-shop-dbt.semantic.yaml is what the compiler writes.
 */
class SemanticCompilerTest {
  private static final Path DBT = RepoPaths.root().resolve("dbt");
  private static final Path ARTIFACTS = DBT.resolve("artifacts");
  private static final List<String> MARTS = List.of("path:models/marts");

  private final DbtProject fromArtifacts =
      read(
          () ->
              new DbtManifestReader()
                  .read(ARTIFACTS.resolve("manifest.json"), ARTIFACTS.resolve("catalog.json")));
  private final SemanticCompiler.Result compiled =
      new SemanticCompiler().compile(fromArtifacts, MARTS);

  private interface Read {
    DbtProject read() throws DbtArtifactException;
  }

  private static DbtProject read(Read read) {
    try {
      return read.read();
    } catch (DbtArtifactException e) {
      throw new AssertionError(e);
    }
  }

  private Map<String, ModelSpec> modelsByDbtModel() {
    return compiled.spec().getModels().stream()
        .collect(Collectors.toMap(ModelSpec::getDbtModel, Function.identity()));
  }

  @Test
  void everyMartAndEveryColumnIsCompiledWithDescriptionAndType() {
    List<DbtProject.Model> marts =
        fromArtifacts.models().stream()
            .filter(m -> m.path().startsWith("models/marts") && !m.timeSpine())
            .toList();
    assertThat(marts)
        .extracting(DbtProject.Model::name)
        .contains(
            "dim_customers",
            "dim_products",
            "fct_orders",
            "fct_order_items",
            "fct_payments",
            "fct_support_tickets",
            "agg_daily_sales");

    Map<String, ModelSpec> models = modelsByDbtModel();
    for (DbtProject.Model mart : marts) {
      ModelSpec model = models.get(mart.name());
      assertThat(model).as(mart.name()).isNotNull();
      assertThat(model.getDescription()).as(mart.name()).isNotBlank();
      assertThat(model.getTable()).isEqualTo("marts." + mart.name());
      assertThat(model.getColumns())
          .as(mart.name())
          .hasSameSizeAs(mart.columns())
          .allSatisfy(
              c -> {
                assertThat(c.getDescription()).as(mart.name() + "." + c.getName()).isNotBlank();
                assertThat(c.getType()).as(mart.name() + "." + c.getName()).isNotBlank();
              });
      assertThat(model.getPrimaryKey()).as("primary key of " + mart.name()).isNotEmpty();
    }
    assertThat(compiled.spec().getModels()).hasSameSizeAs(marts);
  }

  @Test
  void compiledColumnsMatchTheQuickstartContract() throws Exception {
    SemanticModel quickstart = quickstartModel();
    Map<String, ModelSpec> compiledModels = modelsByDbtModel();
    for (ModelSpec expected : quickstart.getSpec().getModels()) {
      ModelSpec actual = compiledModels.get(expected.getDbtModel());
      assertThat(actual).as(expected.getDbtModel()).isNotNull();
      Map<String, ColumnSpec> columns =
          actual.getColumns().stream()
              .collect(Collectors.toMap(ColumnSpec::getName, Function.identity()));
      for (ColumnSpec column : expected.getColumns()) {
        assertThat(columns).as(expected.getDbtModel()).containsKey(column.getName());
        assertThat(columns.get(column.getName()).getType())
            .as(expected.getDbtModel() + "." + column.getName())
            .isEqualTo(column.getType());
        if (!column.getValues().isEmpty()) {
          assertThat(columns.get(column.getName()).getValues())
              .as("accepted values of " + expected.getDbtModel() + "." + column.getName())
              .containsExactlyInAnyOrderElementsOf(column.getValues());
        }
        if (column.getPii() != null) {
          assertThat(columns.get(column.getName()).getPii()).isEqualTo(column.getPii());
        }
      }
    }
  }

  @Test
  void keysAndJoinsComeFromTheDataTests() {
    Map<String, ModelSpec> models = modelsByDbtModel();
    assertThat(models.get("fct_orders").getPrimaryKey()).containsExactly("order_id");
    assertThat(models.get("dim_customers").getPrimaryKey()).containsExactly("customer_id");
    // A unique test marks its column unique; a column without one is not.
    Map<String, ColumnSpec> customerColumns =
        models.get("dim_customers").getColumns().stream()
            .collect(Collectors.toMap(ColumnSpec::getName, Function.identity()));
    assertThat(customerColumns.get("customer_id").getUnique()).isTrue();
    assertThat(customerColumns.get("full_name").getUnique()).isNull();

    String orders = models.get("fct_orders").getName();
    String customers = models.get("dim_customers").getName();
    assertThat(compiled.spec().getRelationships())
        .anySatisfy(
            r -> {
              assertThat(r.getFrom()).isEqualTo(orders);
              assertThat(r.getFromColumns()).containsExactly("customer_id");
              assertThat(r.getTo()).isEqualTo(customers);
              assertThat(r.getToColumns()).containsExactly("customer_id");
              assertThat(r.getCardinality()).isEqualTo(RelationshipSpec.Cardinality.MANY_TO_ONE);
              assertThat(r.getJoinType()).isEqualTo(RelationshipSpec.JoinType.INNER);
            });
    assertThat(compiled.spec().getRelationships()).hasSizeGreaterThanOrEqualTo(5);
  }

  @Test
  void metricsComeFromTheSemanticLayer() {
    Map<String, MetricSpec> metrics =
        compiled.spec().getMetrics().stream()
            .collect(Collectors.toMap(MetricSpec::getName, Function.identity()));
    assertThat(metrics).containsKeys("orders", "revenue", "average_order_value", "gross_margin");
    assertThat(metrics.get("revenue").getType()).isEqualTo(MetricSpec.Type.SIMPLE);
    assertThat(metrics.get("revenue").getFilter()).contains("status").contains("'shipped'");
    assertThat(metrics.get("average_order_value").getType()).isEqualTo(MetricSpec.Type.RATIO);
    assertThat(metrics.get("gross_margin").getType()).isEqualTo(MetricSpec.Type.DERIVED);
    assertThat(compiled.warnings()).as("nothing of the reference project is left out").isEmpty();
    // Every measure a metric names is compiled on some model.
    List<String> measures =
        compiled.spec().getModels().stream()
            .flatMap(m -> m.getMeasures().stream())
            .map(m -> m.getName())
            .toList();
    metrics.values().stream()
        .filter(m -> m.getType() == MetricSpec.Type.SIMPLE)
        .forEach(m -> assertThat(measures).contains(m.getMeasure()));
  }

  @Test
  void theProjectFilesAloneGiveTheSameStructure() throws Exception {
    SemanticModelSpec fromFiles =
        new SemanticCompiler().compile(new DbtProjectFilesReader().read(DBT), MARTS).spec();
    SemanticModelSpec fromManifest = compiled.spec();

    assertThat(fromFiles.getModels())
        .extracting(ModelSpec::getName)
        .containsExactlyInAnyOrderElementsOf(
            fromManifest.getModels().stream().map(ModelSpec::getName).toList());
    for (ModelSpec model : fromManifest.getModels()) {
      ModelSpec other =
          fromFiles.getModels().stream()
              .filter(m -> m.getName().equals(model.getName()))
              .findFirst()
              .orElseThrow();
      assertThat(other.getTable()).isEqualTo(model.getTable());
      assertThat(other.getDescription()).isEqualTo(model.getDescription());
      assertThat(other.getPrimaryKey()).isEqualTo(model.getPrimaryKey());
      assertThat(other.getColumns())
          .extracting(ColumnSpec::getName)
          .containsExactlyInAnyOrderElementsOf(
              model.getColumns().stream().map(ColumnSpec::getName).toList());
    }
    assertThat(fromFiles.getRelationships()).hasSameSizeAs(fromManifest.getRelationships());
    assertThat(fromFiles.getMetrics())
        .extracting(MetricSpec::getName)
        .containsExactlyInAnyOrderElementsOf(
            fromManifest.getMetrics().stream().map(MetricSpec::getName).toList());
  }

  @Test
  void quickstartEntriesLaidOverTheCompiledModelKeepEverything() throws Exception {
    SemanticModel quickstart = quickstartModel();
    SemanticModelSpec merged =
        new SemanticModelMerger().merge(compiled.spec(), quickstart.getSpec());

    assertThat(merged.getModels()).hasSameSizeAs(compiled.spec().getModels());
    assertThat(merged.getGlossary()).hasSameSizeAs(quickstart.getSpec().getGlossary());
    ModelSpec orders =
        merged.getModels().stream()
            .filter(m -> "fct_orders".equals(m.getDbtModel()))
            .findFirst()
            .orElseThrow();
    assertThat(orders.getSynonyms()).contains("purchases");
    assertThat(orders.getColumns())
        .hasSameSizeAs(modelsByDbtModel().get("fct_orders").getColumns());
  }

  @Test
  void committedSemanticModelManifestIsWhatTheCompilerWrites() throws Exception {
    String written =
        new SemanticModelWriter()
            .write(
                "shop-dbt", "shop", compiled.spec(), "dbt/artifacts (" + compiled.revision() + ")");
    Path committed = RepoPaths.examples().resolve("quickstart/15-shop-dbt.semantic.yaml");
    if (Boolean.getBoolean("dbt.artifacts.update")) {
      Files.writeString(committed, written);
    }
    assertThat(Files.readString(committed))
        .as("%s is stale; refresh with -Ddbt.artifacts.update=true (see dbt/README.md)", committed)
        .isEqualTo(written);
    // And it is a valid manifest, as the API server would judge it.
    LoadedManifests loaded = new ManifestLoader().load(List.of(committed));
    assertThat(loaded.ofType(SemanticModel.class)).hasSize(1);
  }

  private static SemanticModel quickstartModel() throws Exception {
    return new ManifestLoader()
            .loadDirectory(RepoPaths.examples().resolve("quickstart"))
            .ofType(SemanticModel.class)
            .stream()
            .filter(m -> m.getMetadata().getName().equals("shop-warehouse"))
            .findFirst()
            .orElseThrow();
  }
}
