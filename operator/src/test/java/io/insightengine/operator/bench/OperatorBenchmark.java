package io.insightengine.operator.bench;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.insightengine.api.v1alpha1.common.Conditions;
import io.insightengine.api.v1alpha1.common.ResourceStatus;
import io.insightengine.api.v1alpha1.policy.DataPolicy;
import io.insightengine.api.v1alpha1.project.Project;
import io.insightengine.api.v1alpha1.semantic.SemanticModel;
import io.insightengine.api.v1alpha1.training.TrainingPair;
import io.insightengine.operator.apiserver.KubeApiServer;
import io.insightengine.operator.apiserver.TestOperators;
import io.insightengine.operator.engine.EngineResources;
import io.insightengine.operator.engine.InsightEngineReconciler;
import io.insightengine.operator.policy.DataPolicyReconciler;
import io.insightengine.operator.project.ProjectReconciler;
import io.insightengine.operator.semantic.SemanticModelReconciler;
import io.insightengine.operator.training.TrainingPairReconciler;
import io.javaoperatorsdk.operator.Operator;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The operator at scale on the real API server: 20 engines, 200 projects and 2,000 SemanticModels,
 * DataPolicies and TrainingPairs (4 + 3 + 3 per project). Measures the time until every resource is
 * Ready against the time the API server alone takes to store them (the baseline, same run), the
 * operator's heap, and the latency from a SemanticModel change to its engine's ConfigMap update
 * (p50/p95 over 40 changes, one at a time) against a plain GET round trip. Run:
 * scripts/bench-operator.sh
 */
public final class OperatorBenchmark {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final int ENGINES = 20;
  private static final int PROJECTS = 200;

  public static void main(String[] args) throws Exception {
    KubeApiServer server = KubeApiServer.get();
    KubernetesClient client = server.client();
    String ns = "bench-" + System.currentTimeMillis() % 100000;
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
        .create();

    long heapBefore = usedHeapAfterGc();
    Operator operator =
        TestOperators.start(
            client,
            ns,
            new InsightEngineReconciler(),
            new ProjectReconciler(),
            new SemanticModelReconciler(),
            new DataPolicyReconciler(),
            new TrainingPairReconciler());

    List<GenericKubernetesResource> resources = resources();
    long start = System.nanoTime();
    for (GenericKubernetesResource r : resources) {
      client.resource(r).inNamespace(ns).create();
    }
    double createSeconds = (System.nanoTime() - start) / 1e9;
    int members = resources.size() - ENGINES;
    while (ready(client, ns) < members) {
      Thread.sleep(250);
      if ((System.nanoTime() - start) / 1e9 > 600) {
        throw new IllegalStateException(
            "not all Ready after 10 minutes: " + ready(client, ns) + " of " + members);
      }
    }
    double readySeconds = (System.nanoTime() - start) / 1e9;
    long heapOperator = usedHeapAfterGc() - heapBefore;

    // Change → ConfigMap latency: watch the bundle ConfigMaps, change one SemanticModel at a time.
    Map<String, Long> updated = new ConcurrentHashMap<>();
    Watch watch =
        client
            .configMaps()
            .inNamespace(ns)
            .watch(
                new Watcher<>() {
                  @Override
                  public void eventReceived(Action action, ConfigMap cm) {
                    updated.put(
                        cm.getMetadata().getName()
                            + "@"
                            + cm.getMetadata()
                                .getAnnotations()
                                .get(EngineResources.REVISION_ANNOTATION),
                        System.nanoTime());
                  }

                  @Override
                  public void onClose(WatcherException cause) {}
                });
    List<Double> changes = new ArrayList<>();
    List<Double> gets = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      int p = (i * 37) % PROJECTS;
      String engine = "engine-" + (p % ENGINES);
      long t0 = System.nanoTime();
      client.resources(SemanticModel.class).inNamespace(ns).withName("p" + p + "-sm0").get();
      gets.add((System.nanoTime() - t0) / 1e6);
      String before =
          client
              .configMaps()
              .inNamespace(ns)
              .withName(engine + "-bundle")
              .get()
              .getMetadata()
              .getAnnotations()
              .get(EngineResources.REVISION_ANNOTATION);
      int round = i;
      long changed = System.nanoTime();
      client
          .resources(SemanticModel.class)
          .inNamespace(ns)
          .withName("p" + p + "-sm0")
          .edit(
              m -> {
                m.getSpec().getModels().get(0).getSynonyms().add("change " + round);
                return m;
              });
      while (true) {
        var hit =
            updated.entrySet().stream()
                .filter(
                    e ->
                        e.getKey().startsWith(engine + "-bundle@")
                            && !e.getKey().endsWith("@" + before)
                            && e.getValue() > changed)
                .mapToLong(Map.Entry::getValue)
                .min();
        if (hit.isPresent()) {
          changes.add((hit.getAsLong() - changed) / 1e6);
          break;
        }
        Thread.sleep(2);
      }
    }
    watch.close();
    operator.stop();

    System.out.printf(
        "%d engines, %d projects, %d SemanticModels/DataPolicies/TrainingPairs on kube-apiserver %s%n",
        ENGINES, PROJECTS, members - PROJECTS, server.version());
    System.out.printf(
        "baseline: the API server stores all %d objects in %.1f s%n",
        resources.size(), createSeconds);
    System.out.printf(
        "all %d resources Ready (in their bundle) %.1f s after the first create (%.2fx the baseline); goal 60 s -> %s%n",
        members, readySeconds, readySeconds / createSeconds, readySeconds < 60 ? "met" : "NOT met");
    System.out.printf(
        "operator heap (used after GC, minus before start): %d MB; goal 256 MB -> %s%n",
        heapOperator / (1024 * 1024), heapOperator < 256L * 1024 * 1024 ? "met" : "NOT met");
    System.out.printf(
        "SemanticModel change -> ConfigMap update: p50 %.0f ms, p95 %.0f ms (a GET round trip: p50 %.1f ms, p95 %.1f ms); goal p95 2 s -> %s%n",
        pct(changes, 50),
        pct(changes, 95),
        pct(gets, 50),
        pct(gets, 95),
        pct(changes, 95) < 2000 ? "met" : "NOT met");
    System.exit(0);
  }

  private static long ready(KubernetesClient client, String ns) {
    long n = 0;
    for (Class<? extends CustomResource<?, ?>> kind :
        List.of(Project.class, SemanticModel.class, DataPolicy.class, TrainingPair.class)) {
      n +=
          client.resources(kind).inNamespace(ns).list().getItems().stream()
              .filter(
                  r ->
                      r.getStatus() != null
                          && Conditions.isTrue(
                              ((ResourceStatus) r.getStatus()).getConditions(), Conditions.READY))
              .count();
    }
    return n;
  }

  private static List<GenericKubernetesResource> resources() throws Exception {
    List<String> yaml = new ArrayList<>();
    for (int e = 0; e < ENGINES; e++) {
      yaml.add("kind: InsightEngine\nmetadata:\n  name: engine-" + e + "\nspec:\n  replicas: 1\n");
    }
    for (int p = 0; p < PROJECTS; p++) {
      String project = "p" + p;
      yaml.add(
          "kind: Project\nmetadata:\n  name: "
              + project
              + "\nspec:\n  engineRef:\n    name: engine-"
              + (p % ENGINES)
              + "\n  datasource:\n    type: postgres\n    embedded: true\n");
      for (int m = 0; m < 4; m++) {
        yaml.add(
            "kind: SemanticModel\nmetadata:\n  name: "
                + project
                + "-sm"
                + m
                + "\nspec:\n  projectRef:\n    name: "
                + project
                + "\n  models:\n    - name: m"
                + m
                + "\n      table: marts.t"
                + m
                + "\n      synonyms: [thing"
                + m
                + "]\n      primaryKey: [id]\n"
                + "      columns:\n        - name: id\n          type: bigint\n        - name: amount\n          type: numeric\n"
                + "      measures:\n        - name: total_"
                + m
                + "\n          agg: sum\n          expr: amount\n");
      }
      for (int d = 0; d < 3; d++) {
        yaml.add(
            "kind: DataPolicy\nmetadata:\n  name: "
                + project
                + "-dp"
                + d
                + "\nspec:\n  projectRef:\n    name: "
                + project
                + "\n  subjects:\n    roles: [viewer]\n  rowFilters:\n    - model: m"
                + d
                + "\n      predicate: id > "
                + d
                + "\n");
      }
      for (int t = 0; t < 3; t++) {
        yaml.add(
            "kind: TrainingPair\nmetadata:\n  name: "
                + project
                + "-tp"
                + t
                + "\nspec:\n  projectRef:\n    name: "
                + project
                + "\n  question: What is total "
                + t
                + "?\n  sql: SELECT sum(amount) FROM marts.t"
                + t
                + "\n");
      }
    }
    List<GenericKubernetesResource> resources = new ArrayList<>();
    for (String y : yaml) {
      resources.add(
          YAML.readValue(
              "apiVersion: insight-engine.io/v1alpha1\n" + y, GenericKubernetesResource.class));
    }
    return resources;
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static double pct(List<Double> values, int p) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, (int) (sorted.length * p / 100.0))];
  }
}
