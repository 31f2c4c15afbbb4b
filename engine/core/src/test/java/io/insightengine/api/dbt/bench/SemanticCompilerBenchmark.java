package io.insightengine.api.dbt.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.insightengine.api.dbt.DbtManifestReader;
import io.insightengine.api.dbt.DbtProject;
import io.insightengine.api.dbt.SemanticCompiler;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Compiles a synthetic dbt manifest of 2,000 models and 40,000 columns (with data tests, semantic
 * models and metrics in realistic proportions) and prints the time and peak heap, against a
 * baseline measured in the same run: Jackson parsing the same manifest into a tree. Goal: under 2 s
 * and 256 MB. Run it with scripts/bench-semantic-compiler.sh (which caps the heap at 256 MB).
 */
public final class SemanticCompilerBenchmark {
  static final int MODELS = 2000;
  static final int COLUMNS_PER_MODEL = 20;
  static final int ROUNDS = 5;

  public static void main(String[] args) throws Exception {
    byte[] manifest = syntheticManifest().getBytes(StandardCharsets.UTF_8);
    System.out.printf(
        "synthetic manifest: %d models, %d columns, %.1f MB%n",
        MODELS, MODELS * COLUMNS_PER_MODEL, manifest.length / 1e6);
    ObjectMapper json = new ObjectMapper();
    DbtManifestReader reader = new DbtManifestReader();
    SemanticCompiler compiler = new SemanticCompiler();

    // Warm up both paths, then measure.
    for (int i = 0; i < 3; i++) {
      json.readTree(manifest);
      compiler.compile(
          reader.read(new ByteArrayInputStream(manifest), null, "synthetic"), List.of());
    }
    double[] baseline = new double[ROUNDS];
    double[] compile = new double[ROUNDS];
    long baselinePeak = 0;
    long compilePeak = 0;
    int models = 0;
    int columns = 0;
    for (int i = 0; i < ROUNDS; i++) {
      resetPeaks();
      long start = System.nanoTime();
      json.readTree(manifest);
      baseline[i] = (System.nanoTime() - start) / 1e6;
      baselinePeak = Math.max(baselinePeak, peakHeap());

      resetPeaks();
      start = System.nanoTime();
      DbtProject project = reader.read(new ByteArrayInputStream(manifest), null, "synthetic");
      SemanticCompiler.Result result = compiler.compile(project, List.of());
      compile[i] = (System.nanoTime() - start) / 1e6;
      compilePeak = Math.max(compilePeak, peakHeap());
      models = result.spec().getModels().size();
      columns = result.spec().getModels().stream().mapToInt(m -> m.getColumns().size()).sum();
    }
    double base = median(baseline);
    double took = median(compile);
    System.out.printf("compiled: %d models, %d columns%n", models, columns);
    System.out.printf(
        "baseline (Jackson readTree of the manifest): median %.0f ms, peak heap %d MB%n",
        base, baselinePeak >> 20);
    System.out.printf(
        "read + compile: median %.0f ms (%.2fx the baseline), peak heap %d MB%n",
        took, took / base, compilePeak >> 20);
    System.out.printf(
        "goal: under 2000 ms and 256 MB -> %s%n",
        took < 2000 && compilePeak < 256L << 20 ? "met" : "NOT met");
    if (models != MODELS || columns != MODELS * COLUMNS_PER_MODEL) {
      throw new IllegalStateException("the compiler lost models or columns");
    }
  }

  private static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  /** Sum of the heap pools' peaks since the last reset (an upper bound of the live peak). */
  private static long peakHeap() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /** A manifest shaped like dbt's v12, big enough to stress the compiler. */
  static String syntheticManifest() {
    StringBuilder nodes = new StringBuilder();
    StringBuilder semantic = new StringBuilder();
    StringBuilder metrics = new StringBuilder();
    List<String> entries = new ArrayList<>();
    for (int m = 0; m < MODELS; m++) {
      String model = "fct_model_" + m;
      String id = "model.big." + model;
      StringBuilder columns = new StringBuilder();
      for (int c = 0; c < COLUMNS_PER_MODEL; c++) {
        String column = c == 0 ? "id" : c == 1 ? "parent_id" : "col_" + c;
        columns
            .append(c == 0 ? "" : ",")
            .append(
                String.format(
                    "\"%s\": {\"name\": \"%s\", \"description\": \"Column %d of %s, described at length as"
                        + " real projects do.\", \"data_type\": \"%s\", \"meta\": {\"synonyms\": [\"alias %d\"]},"
                        + " \"tags\": [], \"quote\": null, \"constraints\": []}",
                    column,
                    column,
                    c,
                    model,
                    c % 3 == 0 ? "bigint" : c % 3 == 1 ? "text" : "date",
                    c));
      }
      entries.add(
          String.format(
              "\"%s\": {\"resource_type\": \"model\", \"unique_id\": \"%s\", \"name\": \"%s\","
                  + " \"package_name\": \"big\", \"schema\": \"marts\", \"alias\": \"%s\","
                  + " \"original_file_path\": \"models/marts/%s.sql\", \"description\": \"Model %d.\","
                  + " \"tags\": [\"mart\"], \"config\": {\"materialized\": \"table\", \"meta\": {\"grain\": \"one row\"}},"
                  + " \"raw_code\": \"select 1 as id\", \"columns\": {%s}}",
              id, id, model, model, model, m, columns));
      entries.add(test("unique", id, "id", m, ""));
      entries.add(test("not_null", id, "id", m, ""));
      entries.add(test("accepted_values", id, "col_2", m, ", \"values\": [\"a\", \"b\", \"c\"]"));
      if (m > 0) {
        entries.add(
            String.format(
                "\"test.big.rel_%d\": {\"resource_type\": \"test\", \"attached_node\": \"%s\","
                    + " \"column_name\": \"parent_id\", \"depends_on\": {\"nodes\": [\"%s\", \"model.big.fct_model_%d\"]},"
                    + " \"test_metadata\": {\"name\": \"relationships\", \"kwargs\": {\"column_name\": \"parent_id\","
                    + " \"to\": \"ref('fct_model_%d')\", \"field\": \"id\"}}}",
                m, id, id, m - 1, m - 1));
      }
      if (m % 4 == 0) {
        semantic
            .append(semantic.length() == 0 ? "" : ",")
            .append(
                String.format(
                    "\"semantic_model.big.sm_%d\": {\"name\": \"sm_%d\", \"model\": \"ref('%s')\","
                        + " \"defaults\": {\"agg_time_dimension\": \"col_2\"},"
                        + " \"entities\": [{\"name\": \"e_%d\", \"type\": \"primary\", \"expr\": \"id\"}],"
                        + " \"dimensions\": [{\"name\": \"col_2\", \"type\": \"time\", \"type_params\": {\"time_granularity\": \"day\"}},"
                        + " {\"name\": \"col_4\", \"type\": \"categorical\"}],"
                        + " \"measures\": [{\"name\": \"m_%d_sum\", \"agg\": \"sum\", \"expr\": \"col_3\"},"
                        + " {\"name\": \"m_%d_count\", \"agg\": \"count\", \"expr\": \"id\"}]}",
                    m, m, model, m, m, m));
        metrics
            .append(metrics.length() == 0 ? "" : ",")
            .append(
                String.format(
                    "\"metric.big.metric_%d\": {\"name\": \"metric_%d\", \"type\": \"simple\", \"label\": \"Metric %d\","
                        + " \"type_params\": {\"measure\": {\"name\": \"m_%d_sum\"}},"
                        + " \"filter\": {\"where_filters\": [{\"where_sql_template\": \"{{ Dimension('e_%d__col_4') }} = 'x'\"}]}}",
                    m, m, m, m, m));
      }
    }
    nodes.append(String.join(",", entries));
    return "{\"metadata\": {\"dbt_schema_version\": \"https://schemas.getdbt.com/dbt/manifest/v12.json\","
        + " \"project_name\": \"big\", \"invocation_id\": \"bench\"}, \"nodes\": {"
        + nodes
        + "}, \"semantic_models\": {"
        + semantic
        + "}, \"metrics\": {"
        + metrics
        + "}}";
  }

  private static String test(String name, String model, String column, int m, String extra) {
    return String.format(
        "\"test.big.%s_%d_%s\": {\"resource_type\": \"test\", \"attached_node\": \"%s\","
            + " \"column_name\": \"%s\", \"test_metadata\": {\"name\": \"%s\", \"kwargs\":"
            + " {\"column_name\": \"%s\"%s}}}",
        name, m, column, model, column, name, column, extra);
  }
}
