package io.insightengine.api.dbt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DbtManifestReaderTest {
  private final DbtManifestReader reader = new DbtManifestReader();

  private DbtProject read(String manifest) throws DbtArtifactException {
    return reader.read(
        new ByteArrayInputStream(manifest.getBytes(StandardCharsets.UTF_8)), null, "manifest.json");
  }

  @Test
  void refusesBrokenJson() {
    assertThatThrownBy(() -> read("{\"metadata\": {"))
        .isInstanceOf(DbtArtifactException.class)
        .hasMessageStartingWith("manifest.json is not valid JSON");
  }

  @Test
  void refusesAFileThatIsNotAManifest() {
    String catalog =
        "{\"metadata\": {\"dbt_schema_version\": \"https://schemas.getdbt.com/dbt/catalog/v1.json\"},"
            + " \"nodes\": {}}";
    assertThatThrownBy(() -> read(catalog))
        .isInstanceOf(DbtArtifactException.class)
        .hasMessage(
            "manifest.json is not a dbt manifest (metadata.dbt_schema_version is"
                + " \"https://schemas.getdbt.com/dbt/catalog/v1.json\")");
  }

  @Test
  void refusesManifestVersionsItDoesNotKnow() {
    assertThatThrownBy(() -> read(manifest(7, "{}")))
        .hasMessage(
            "manifest.json is a dbt manifest v7; this reader supports v10 to v12 (dbt 1.6 and later)");
    assertThatThrownBy(() -> read(manifest(13, "{}"))).hasMessageContaining("v13");
  }

  @Test
  void ignoresFieldsItDoesNotNeed() throws Exception {
    DbtProject project =
        read(
            manifest(
                12,
                """
            {"model.shop.fct_orders": {"resource_type": "model", "unique_id": "model.shop.fct_orders",
              "name": "fct_orders", "package_name": "shop", "schema": "marts", "alias": "fct_orders",
              "description": "Orders.", "a_field_of_dbt_2_0": {"nested": [1, 2]},
              "config": {"meta": {"synonyms": ["sales"]}},
              "columns": {"order_id": {"name": "order_id", "description": "Key.", "data_type": "bigint"}}},
             "test.shop.unique_fct_orders_order_id.1": {"resource_type": "test",
              "attached_node": "model.shop.fct_orders", "column_name": "order_id",
              "test_metadata": {"name": "unique", "kwargs": {"column_name": "order_id"}}}}
            """));

    assertThat(project.name()).isEqualTo("shop");
    assertThat(project.models())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.meta()).containsEntry("synonyms", List.of("sales"));
              assertThat(m.columns())
                  .singleElement()
                  .satisfies(c -> assertThat(c.type()).isEqualTo("bigint"));
              assertThat(m.tests())
                  .singleElement()
                  .satisfies(t -> assertThat(t.kind()).isEqualTo(DbtProject.DataTest.Kind.UNIQUE));
            });
  }

  @Test
  void resolvesRefsWithAndWithoutAPackage() {
    assertThat(DbtManifestReader.refName("ref('dim_customers')")).isEqualTo("dim_customers");
    assertThat(DbtManifestReader.refName("ref(\"shop\", \"dim_customers\")"))
        .isEqualTo("dim_customers");
    assertThat(DbtManifestReader.refName("source('raw', 'x')")).isNull();
  }

  private static String manifest(int version, String nodes) {
    return "{\"metadata\": {\"dbt_schema_version\": \"https://schemas.getdbt.com/dbt/manifest/v"
        + version
        + ".json\", \"project_name\": \"shop\", \"invocation_id\": \"abc\"},"
        + " \"nodes\": "
        + nodes
        + ", \"semantic_models\": {}, \"metrics\": {}}";
  }
}
