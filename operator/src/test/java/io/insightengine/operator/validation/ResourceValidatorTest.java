package io.insightengine.operator.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.insightengine.api.v1alpha1.dbt.DbtRun;
import io.insightengine.api.v1alpha1.engine.InsightEngine;
import io.insightengine.api.v1alpha1.policy.DataPolicy;
import io.insightengine.api.v1alpha1.project.Project;
import io.insightengine.api.v1alpha1.semantic.SemanticModel;
import io.insightengine.api.v1alpha1.training.TrainingPair;
import io.insightengine.operator.bundle.BundleResources;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The validity rules of Projects and dbt-sourced SemanticModels, without an API server. */
class ResourceValidatorTest {
  private static final YAMLMapper YAML = new YAMLMapper();
  private final ResourceValidator validator = new ResourceValidator();

  private static <T> T read(Class<T> type, String yaml) throws Exception {
    return YAML.readValue("apiVersion: insight-engine.io/v1alpha1\n" + yaml, type);
  }

  private static InsightEngine engine() throws Exception {
    return read(InsightEngine.class, "kind: InsightEngine\nmetadata:\n  name: insight\nspec: {}\n");
  }

  private static Project project(String name) throws Exception {
    return read(
        Project.class,
        "kind: Project\nmetadata:\n  name: "
            + name
            + "\nspec:\n  engineRef:\n    name: insight\n  datasource:\n    type: postgres\n"
            + "    embedded: true\n");
  }

  private static SemanticModel dbtModel(String name, String source) throws Exception {
    return read(
        SemanticModel.class,
        "kind: SemanticModel\nmetadata:\n  name: "
            + name
            + "\nspec:\n  projectRef:\n    name: shop\n  dbt:\n    "
            + source
            + "\n");
  }

  private static DbtRun run(String name, String project) throws Exception {
    return read(
        DbtRun.class,
        "kind: DbtRun\nmetadata:\n  name: "
            + name
            + "\nspec:\n  projectRef:\n    name: "
            + project
            + "\n  source:\n    image:\n      name: dbt:1\n");
  }

  private static BundleResources in(
      List<SemanticModel> models, Set<String> configMaps, List<DbtRun> runs) throws Exception {
    return new BundleResources(
        List.of(engine()),
        List.of(project("shop"), project("other")),
        models,
        List.of(),
        List.of(),
        Set.of(),
        configMaps,
        runs);
  }

  @Test
  void aDbtModelIsValidWithoutModelsWhenItsConfigMapExists() throws Exception {
    SemanticModel model = dbtModel("from-cm", "configMapRef:\n      name: shop-artifacts");
    Verdict missing = validator.validate(model, in(List.of(model), Set.of(), List.of()));
    assertThat(missing.reason()).isEqualTo("ConfigMapNotFound");
    assertThat(missing.message()).contains("shop-artifacts");
    assertThat(
            validator
                .validate(model, in(List.of(model), Set.of("shop-artifacts"), List.of()))
                .valid())
        .isTrue();
  }

  @Test
  void aDbtRunSourceMustExistAndBuildTheSameProject() throws Exception {
    SemanticModel model = dbtModel("from-run", "dbtRunRef:\n      name: nightly");
    assertThat(validator.validate(model, in(List.of(model), Set.of(), List.of())).reason())
        .isEqualTo("DbtRunNotFound");
    Verdict foreign =
        validator.validate(model, in(List.of(model), Set.of(), List.of(run("nightly", "other"))));
    assertThat(foreign.reason()).isEqualTo("DbtRunNotFound");
    assertThat(foreign.message()).contains("other");
    assertThat(
            validator
                .validate(model, in(List.of(model), Set.of(), List.of(run("nightly", "shop"))))
                .valid())
        .isTrue();
  }

  @Test
  void aProjectNeedsAValidSemanticModelNotJustAny() throws Exception {
    SemanticModel broken = dbtModel("from-cm", "configMapRef:\n      name: missing");
    Verdict verdict = validator.validate(project("shop"), in(List.of(broken), Set.of(), List.of()));
    assertThat(verdict.valid()).isFalse();
    assertThat(verdict.reason()).isEqualTo("NoValidSemanticModel");
    assertThat(verdict.message()).contains("from-cm").contains("ConfigMapNotFound");

    SemanticModel good = dbtModel("from-run", "dbtRunRef:\n      name: nightly");
    assertThat(
            validator
                .validate(
                    project("shop"),
                    in(List.of(broken, good), Set.of(), List.of(run("nightly", "shop"))))
                .valid())
        .isTrue();
    assertThat(
            validator.validate(project("other"), in(List.of(good), Set.of(), List.of())).reason())
        .isEqualTo("NoSemanticModel");
  }

  @Test
  void aTrainingPairWhoseFirstParseRunsOutOfTimeGetsASecondTry() throws Exception {
    SemanticModel orders =
        read(
            SemanticModel.class,
            "kind: SemanticModel\nmetadata:\n  name: orders\nspec:\n  projectRef:\n    name: shop\n"
                + "  models:\n    - name: orders\n      table: marts.orders\n      columns:\n"
                + "        - name: order_id\n");
    TrainingPair pair =
        read(
            TrainingPair.class,
            "kind: TrainingPair\nmetadata:\n  name: count\nspec:\n  projectRef:\n    name: shop\n"
                + "  question: how many orders\n  sql: select count(*) from marts.orders\n");
    BundleResources in =
        new BundleResources(
            List.of(engine()),
            List.of(project("shop")),
            List.of(orders),
            List.of(),
            List.of(pair),
            Set.of(),
            Set.of(),
            List.of());
    // A first budget nothing can parse within, as a cold JVM's can be.
    Verdict verdict = new ResourceValidator(Duration.ofNanos(1)).validate(pair, in);
    assertThat(verdict.valid()).as(verdict.message()).isTrue();
    // What the firewall refuses for its content is still refused.
    pair.getSpec().setSql("select * from pg_catalog.pg_user");
    assertThat(new ResourceValidator(Duration.ofNanos(1)).validate(pair, in).reason())
        .isEqualTo("SqlRefused");
  }

  @Test
  void aDataPolicyMayNameOnlyModelsOfItsProject() throws Exception {
    SemanticModel orders =
        read(
            SemanticModel.class,
            "kind: SemanticModel\nmetadata:\n  name: orders\nspec:\n  projectRef:\n    name: shop\n"
                + "  models:\n    - name: orders\n      table: marts.orders\n      columns:\n"
                + "        - name: region\n");
    DataPolicy policy =
        read(
            DataPolicy.class,
            "kind: DataPolicy\nmetadata:\n  name: regional\nspec:\n  projectRef:\n    name: shop\n"
                + "  rowFilters:\n    - model: refunds\n      predicate: region = '${user.region}'\n");
    BundleResources in =
        new BundleResources(
            List.of(engine()),
            List.of(project("shop")),
            List.of(orders),
            List.of(policy),
            List.of(),
            Set.of(),
            Set.of(),
            List.of());
    Verdict verdict = validator.validate(policy, in);
    assertThat(verdict.reason()).isEqualTo("ModelNotFound");
    assertThat(verdict.message())
        .isEqualTo(
            "spec.rowFilters[0].model names model refunds, which no SemanticModel of Project shop"
                + " declares (it has orders)");

    policy.getSpec().getRowFilters().get(0).setModel("orders");
    assertThat(validator.validate(policy, in).valid()).isTrue();

    // A dbt source's models are in a manifest the operator does not read: the engine decides.
    policy.getSpec().getRowFilters().get(0).setModel("refunds");
    BundleResources withDbt =
        new BundleResources(
            List.of(engine()),
            List.of(project("shop")),
            List.of(orders, dbtModel("from-cm", "configMapRef:\n      name: artifacts")),
            List.of(policy),
            List.of(),
            Set.of(),
            Set.of("artifacts"),
            List.of());
    assertThat(validator.validate(policy, withDbt).valid()).isTrue();
  }

  private static SemanticModel twoRoles(String originDefault, String destinationDefault)
      throws Exception {
    return read(
        SemanticModel.class,
        "kind: SemanticModel\nmetadata:\n  name: roles\nspec:\n  projectRef:\n    name: shop\n"
            + "  models:\n"
            + "    - name: parcels\n      table: marts.parcels\n      columns:\n"
            + "        - name: origin_depot_id\n        - name: destination_depot_id\n"
            + "    - name: depots\n      table: marts.depots\n      columns:\n"
            + "        - name: depot_id\n"
            + "  relationships:\n"
            + "    - from: parcels\n      fromColumns: [origin_depot_id]\n      to: depots\n"
            + "      toColumns: [depot_id]\n      default: "
            + originDefault
            + "\n    - from: parcels\n      fromColumns: [destination_depot_id]\n      to: depots\n"
            + "      toColumns: [depot_id]\n      default: "
            + destinationDefault
            + "\n");
  }

  @Test
  void atMostOneOfTheJoinsBetweenTwoModelsIsTheDefault() throws Exception {
    SemanticModel one = twoRoles("false", "true");
    assertThat(validator.validate(one, in(List.of(one), Set.of(), List.of())).valid()).isTrue();
    SemanticModel both = twoRoles("true", "true");
    Verdict verdict = validator.validate(both, in(List.of(both), Set.of(), List.of()));
    assertThat(verdict.reason()).isEqualTo("AmbiguousDefaultJoin");
    assertThat(verdict.message()).contains("parcels").contains("depots");
  }
}
