package io.insightengine.operator.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.CustomResource;
import io.insightengine.api.v1alpha1.common.BundledStatus;
import io.insightengine.api.v1alpha1.common.Condition;
import io.insightengine.api.v1alpha1.common.Conditions;
import io.insightengine.api.v1alpha1.common.ResourceStatus;
import io.insightengine.api.v1alpha1.engine.InsightEngine;
import io.insightengine.api.v1alpha1.policy.DataPolicy;
import io.insightengine.api.v1alpha1.project.Project;
import io.insightengine.api.v1alpha1.semantic.SemanticModel;
import io.insightengine.api.v1alpha1.training.TrainingPair;
import io.insightengine.operator.apiserver.ApiServerTest;
import io.insightengine.operator.apiserver.ExampleManifests;
import io.insightengine.operator.apiserver.TestOperators;
import io.insightengine.operator.engine.InsightEngineReconciler;
import io.insightengine.operator.policy.DataPolicyReconciler;
import io.insightengine.operator.project.ProjectReconciler;
import io.insightengine.operator.semantic.SemanticModelReconciler;
import io.insightengine.operator.training.TrainingPairReconciler;
import io.javaoperatorsdk.operator.Operator;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The status of Projects, SemanticModels, DataPolicies and TrainingPairs on the real API server:
 * valid ones name the bundle revision that holds them; an invalid one says why, and never holds the
 * others back.
 */
class BundledResourceReconcilersTest extends ApiServerTest {
  private static final Duration WAIT = Duration.ofSeconds(40);
  private static final YAMLMapper YAML = new YAMLMapper();
  private Operator operator;

  @BeforeEach
  void startOperator() {
    operator =
        TestOperators.start(
            client,
            namespace,
            new InsightEngineReconciler(),
            new ProjectReconciler(),
            new SemanticModelReconciler(),
            new DataPolicyReconciler(),
            new TrainingPairReconciler());
  }

  @AfterEach
  void stopOperator() {
    operator.stop();
  }

  @Test
  void everyQuickstartResourceReportsTheBundleRevisionThatHoldsIt() {
    ExampleManifests.apply(client, namespace, "examples/quickstart");

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              InsightEngine engine = find(InsightEngine.class, "insight");
              assertThat(engine.getStatus()).isNotNull();
              for (Class<? extends CustomResource<?, ?>> kind : kinds()) {
                List<? extends CustomResource<?, ?>> items =
                    client.resources(kind).inNamespace(namespace).list().getItems();
                assertThat(items).as(kind.getSimpleName()).isNotEmpty();
                for (CustomResource<?, ?> item : items) {
                  assertThat(item.getStatus()).as(item.getMetadata().getName()).isNotNull();
                  String held = ((BundledStatus) item.getStatus()).getBundleRevision();
                  assertThat(held).as(item.getMetadata().getName()).isNotNull().hasSize(16);
                  Condition ready = ready(item);
                  assertThat(ready.getReason()).isEqualTo("InBundle");
                  assertThat(ready.getMessage()).contains(held).contains("insight");
                  assertThat(((ResourceStatus) item.getStatus()).getObservedGeneration())
                      .isEqualTo(item.getMetadata().getGeneration());
                }
              }
            });

    SemanticModel model = find(SemanticModel.class, "shop-warehouse");
    assertThat(model.getStatus().getModels()).isEqualTo(model.getSpec().getModels().size());
    assertThat(model.getStatus().getMetrics())
        .isEqualTo(model.getSpec().getMetrics().size())
        .isPositive();

    // A change: the changed resource reports the new revision; the others keep the one that first
    // held them (they are in the new one too, unchanged).
    String policyBefore = revisionOf(DataPolicy.class, "viewers-mask-pii");
    edit(
        SemanticModel.class,
        "shop-warehouse",
        m -> {
          m.getSpec().getModels().get(0).getSynonyms().add("patrons");
          return m;
        });
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              String engineRevision =
                  find(InsightEngine.class, "insight").getStatus().getBundleRevision();
              assertThat(revisionOf(SemanticModel.class, "shop-warehouse"))
                  .isEqualTo(engineRevision);
              assertThat(engineRevision).isNotEqualTo(policyBefore);
            });
    assertThat(revisionOf(DataPolicy.class, "viewers-mask-pii")).isEqualTo(policyBefore);
  }

  @Test
  void invalidResourcesSayWhatToFixWhileTheRestStaysReady() throws Exception {
    ExampleManifests.apply(client, namespace, "examples/quickstart");
    create(
        "kind: TrainingPair\nmetadata:\n  name: reads-staging\nspec:\n  projectRef:\n    name: shop\n"
            + "  question: Show me the raw customers\n  sql: SELECT * FROM staging.stg_customers\n");
    create(
        "kind: DataPolicy\nmetadata:\n  name: orphan\nspec:\n  projectRef:\n    name: no-such-project\n"
            + "  subjects:\n    roles: [viewer]\n  rowFilters:\n    - model: orders\n      predicate: region = 'EMEA'\n");
    create(
        "kind: DataPolicy\nmetadata:\n  name: broken-filter\nspec:\n  projectRef:\n    name: shop\n"
            + "  subjects:\n    roles: [viewer]\n  rowFilters:\n    - model: orders\n      predicate: region = = 'EMEA'\n");
    create(
        "kind: Project\nmetadata:\n  name: lost\nspec:\n  engineRef:\n    name: no-such-engine\n"
            + "  datasource:\n    type: postgres\n    embedded: true\n");
    // Valid itself, but its Project is not: it names the Project's cause, it does not wait.
    create(
        "kind: SemanticModel\nmetadata:\n  name: lost-model\nspec:\n  projectRef:\n    name: lost\n"
            + "  models:\n    - name: things\n      table: public.things\n      columns:\n"
            + "        - name: thing_id\n");
    create(
        "kind: DataPolicy\nmetadata:\n  name: unknown-model\nspec:\n  projectRef:\n    name: shop\n"
            + "  subjects:\n    roles: [viewer]\n  rowFilters:\n    - model: refunds\n      predicate: region = 'EMEA'\n");

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertReady(TrainingPair.class, "reads-staging", "SqlRefused", "table-not-allowed");
              assertReady(DataPolicy.class, "orphan", "ProjectNotFound", "no-such-project");
              assertReady(DataPolicy.class, "broken-filter", "InvalidPredicate", "rowFilters[0]");
              assertReady(Project.class, "lost", "EngineNotFound", "no-such-engine");
              assertReady(
                  SemanticModel.class,
                  "lost-model",
                  "ProjectNotReady",
                  "Project lost is not ready (EngineNotFound)");
              assertReady(DataPolicy.class, "unknown-model", "ModelNotFound", "model refunds");
              // The valid ones are served all the same.
              assertReady(Project.class, "shop", "InBundle", "insight");
              assertReady(TrainingPair.class, "orders-last-month", "InBundle", "insight");
              // ... and a Warning event says so where `kubectl describe` shows it.
              assertThat(client.v1().events().inNamespace(namespace).list().getItems())
                  .anySatisfy(
                      e -> {
                        assertThat(e.getType()).isEqualTo("Warning");
                        assertThat(e.getReason()).isEqualTo("SqlRefused");
                        assertThat(e.getInvolvedObject().getName()).isEqualTo("reads-staging");
                      });
            });
  }

  private void assertReady(
      Class<? extends CustomResource<?, ?>> kind, String name, String reason, String inMessage) {
    CustomResource<?, ?> item = client.resources(kind).inNamespace(namespace).withName(name).get();
    assertThat(item).as(name).isNotNull();
    assertThat(item.getStatus()).as(name).isNotNull();
    Condition ready = ready(item);
    assertThat(ready.getReason()).as(name).isEqualTo(reason);
    assertThat(ready.getMessage()).as(name).contains(inMessage);
    assertThat(ready.getStatus().name())
        .as(name)
        .isEqualTo(reason.equals("InBundle") ? "True" : "False");
  }

  private String revisionOf(Class<? extends CustomResource<?, ?>> kind, String name) {
    return ((BundledStatus)
            client.resources(kind).inNamespace(namespace).withName(name).get().getStatus())
        .getBundleRevision();
  }

  private void create(String yaml) throws Exception {
    GenericKubernetesResource resource =
        YAML.readValue(
            "apiVersion: insight-engine.io/v1alpha1\n" + yaml, GenericKubernetesResource.class);
    client.resource(resource).inNamespace(namespace).create();
  }

  private static Condition ready(CustomResource<?, ?> item) {
    return Conditions.find(((ResourceStatus) item.getStatus()).getConditions(), Conditions.READY)
        .orElseThrow();
  }

  private static List<Class<? extends CustomResource<?, ?>>> kinds() {
    return List.of(Project.class, SemanticModel.class, DataPolicy.class, TrainingPair.class);
  }
}
