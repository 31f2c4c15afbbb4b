package io.insightengine.api.dbt;

import static org.assertj.core.api.Assertions.assertThat;

import io.insightengine.api.v1alpha1.semantic.ColumnSpec;
import io.insightengine.api.v1alpha1.semantic.MeasureSpec;
import io.insightengine.api.v1alpha1.semantic.MetricSpec;
import io.insightengine.api.v1alpha1.semantic.ModelSpec;
import io.insightengine.api.v1alpha1.semantic.SemanticModelSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The logistics project built by real dbt (seeds from its gen_seeds.py, in a copy of the project so
 * the checkout stays clean) against embedded PostgreSQL: what the compiler makes of the artifacts
 * dbt writes round-trips through the loader and says what the project's files say.
 */
class LogisticsDbtBuildTest {
  private static final List<String> MARTS = List.of("path:models/marts");

  @Test
  void theBuiltArtifactsCompileLikeTheFilesAndRoundTrip(@TempDir Path tmp) throws Exception {
    Path source = LogisticsBuild.source();
    try (LogisticsBuild build = LogisticsBuild.build(tmp)) {
      // built: the artifacts are read below, the server is not needed any more
    }
    Path target = tmp.resolve("target");
    DbtProject built =
        new DbtManifestReader()
            .read(
                DbtCli.requireFile(target.resolve("manifest.json")),
                DbtCli.requireFile(target.resolve("catalog.json")));
    SemanticCompiler.Result fromArtifacts = new SemanticCompiler().compile(built, MARTS);
    SemanticModelSpec loaded = WriteThenLoadTest.roundTrip(fromArtifacts.spec(), "dbt build");
    SemanticModelSpec fromFiles =
        new SemanticCompiler().compile(new DbtProjectFilesReader().read(source), MARTS).spec();

    assertThat(loaded.getModels())
        .extracting(ModelSpec::getName)
        .containsExactlyInAnyOrderElementsOf(
            fromFiles.getModels().stream().map(ModelSpec::getName).toList());
    for (ModelSpec model : loaded.getModels()) {
      ModelSpec other =
          fromFiles.getModels().stream()
              .filter(m -> m.getName().equals(model.getName()))
              .findFirst()
              .orElseThrow();
      assertThat(model.getColumns())
          .allSatisfy(c -> assertThat(c.getType()).as(c.getName()).isNotBlank());
      for (ColumnSpec column : other.getColumns()) {
        ColumnSpec same =
            model.getColumns().stream()
                .filter(c -> c.getName().equals(column.getName()))
                .findFirst()
                .orElseThrow();
        assertThat(same.getValues()).as(column.getName()).isEqualTo(column.getValues());
        assertThat(same.getValueSynonyms())
            .as(column.getName())
            .isEqualTo(column.getValueSynonyms());
        assertThat(same.getSynonyms()).as(column.getName()).isEqualTo(column.getSynonyms());
        assertThat(same.getPii()).as(column.getName()).isEqualTo(column.getPii());
      }
      assertThat(model.getMeasures())
          .extracting(MeasureSpec::getName, MeasureSpec::getAggTimeDimension)
          .containsExactlyElementsOf(
              other.getMeasures().stream()
                  .map(
                      m ->
                          org.assertj.core.groups.Tuple.tuple(m.getName(), m.getAggTimeDimension()))
                  .toList());
    }
    assertThat(loaded.getMetrics())
        .extracting(MetricSpec::getName, MetricSpec::getFilter)
        .containsExactlyInAnyOrderElementsOf(
            fromFiles.getMetrics().stream()
                .map(m -> org.assertj.core.groups.Tuple.tuple(m.getName(), m.getFilter()))
                .toList());
    assertThat(loaded.getRelationships()).hasSameSizeAs(fromFiles.getRelationships());
  }
}
