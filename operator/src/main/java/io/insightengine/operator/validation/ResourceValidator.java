package io.insightengine.operator.validation;

import io.insightengine.api.sql.FirewallPolicy;
import io.insightengine.api.sql.FirewallVerdict;
import io.insightengine.api.sql.QueryFirewall;
import io.insightengine.api.v1alpha1.common.LocalObjectReference;
import io.insightengine.api.v1alpha1.common.SecretKeyReference;
import io.insightengine.api.v1alpha1.common.SecretReference;
import io.insightengine.api.v1alpha1.dbt.DbtRun;
import io.insightengine.api.v1alpha1.engine.InsightEngine;
import io.insightengine.api.v1alpha1.engine.LlmProviderSpec;
import io.insightengine.api.v1alpha1.policy.DataPolicy;
import io.insightengine.api.v1alpha1.policy.RowFilterSpec;
import io.insightengine.api.v1alpha1.project.Project;
import io.insightengine.api.v1alpha1.semantic.ColumnSpec;
import io.insightengine.api.v1alpha1.semantic.DbtArtifactsSpec;
import io.insightengine.api.v1alpha1.semantic.ModelSpec;
import io.insightengine.api.v1alpha1.semantic.RelationshipSpec;
import io.insightengine.api.v1alpha1.semantic.SemanticModel;
import io.insightengine.api.v1alpha1.training.TrainingPair;
import io.insightengine.operator.bundle.BundleResources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;

/**
 * Checks a custom resource beyond its schema, against the other resources of its namespace:
 * references resolve, SQL and predicates parse, training SQL passes the query firewall, names are
 * unique and joins name existing columns. The same code decides a resource's status and whether its
 * engine's bundle includes it, so the two never disagree.
 */
public final class ResourceValidator {
  /**
   * The second parse budget of a TrainingPair's SQL. The first is the engine's (200 ms), which
   * guards its request path against SQL built to be slow to parse; a cold JVM (classes loading,
   * nothing compiled yet) can spend that on ordinary SQL, and every pair flapped to {@code
   * SqlRefused (parse-timeout)} for a minute after each operator start. A pair is an admin's
   * resource, checked once per change: a timed-out parse gets a second, longer try.
   */
  static final Duration RETRY_PARSE_BUDGET = Duration.ofSeconds(5);

  private final QueryFirewall firewall = new QueryFirewall();
  private final Duration firstParseBudget;

  public ResourceValidator() {
    this(FirewallPolicy.DEFAULT_PARSE_TIMEOUT);
  }

  /** With another first parse budget (tests make it run out). */
  ResourceValidator(Duration firstParseBudget) {
    this.firstParseBudget = firstParseBudget;
  }

  public Verdict validate(InsightEngine engine, BundleResources in) {
    List<String> missing = new ArrayList<>();
    var spec = engine.getSpec();
    if (spec != null) {
      if (spec.getAppDatabase() != null) {
        secret(spec.getAppDatabase().getCredentialsSecret(), in, missing);
      }
      if (spec.getAuth() != null) {
        secret(spec.getAuth().getJwtKeySecret(), in, missing);
      }
      if (spec.getLlm() != null) {
        for (LlmProviderSpec provider : spec.getLlm().getProviders()) {
          secret(provider.getApiKeySecret(), in, missing);
        }
      }
    }
    if (!missing.isEmpty()) {
      return Verdict.invalid(
          "SecretNotFound", "create the Secret(s) " + String.join(", ", missing) + " first");
    }
    return Verdict.ok("valid");
  }

  public Verdict validate(Project project, BundleResources in) {
    String engine = name(project.getSpec().getEngineRef());
    if (find(in.engines(), engine).isEmpty()) {
      return Verdict.invalid(
          "EngineNotFound",
          "spec.engineRef names InsightEngine " + engine + ", which does not exist here");
    }
    List<String> missing = new ArrayList<>();
    if (project.getSpec().getDatasource() != null) {
      secret(project.getSpec().getDatasource().getCredentialsSecret(), in, missing);
    }
    if (!missing.isEmpty()) {
      return Verdict.invalid(
          "SecretNotFound",
          "spec.datasource.credentialsSecret: create the Secret " + String.join(", ", missing));
    }
    List<SemanticModel> models =
        in.semanticModels().stream()
            .filter(m -> project.getMetadata().getName().equals(name(m.getSpec().getProjectRef())))
            .toList();
    if (models.isEmpty()) {
      return Verdict.invalid(
          "NoSemanticModel",
          "no SemanticModel refers to this project yet; the engine cannot answer questions without"
              + " one");
    }
    // The engine refuses a project none of whose SemanticModels it was given: only valid ones
    // reach the bundle.
    List<String> invalid = new ArrayList<>();
    for (SemanticModel model : models) {
      Verdict verdict = validate(model, in);
      if (verdict.valid()) {
        return Verdict.ok("valid");
      }
      invalid.add(
          model.getMetadata().getName() + " (" + verdict.reason() + ": " + verdict.message() + ")");
    }
    return Verdict.invalid(
        "NoValidSemanticModel",
        "no valid SemanticModel describes this project; fix "
            + (invalid.size() == 1 ? "it" : "one of them")
            + ": "
            + String.join("; ", invalid));
  }

  public Verdict validate(SemanticModel model, BundleResources in) {
    Optional<Verdict> project = projectExists(model.getSpec().getProjectRef(), in);
    if (project.isPresent()) {
      return project.get();
    }
    Optional<Verdict> source = dbtSourceExists(model, in);
    if (source.isPresent()) {
      return source.get();
    }
    Set<String> seen = new HashSet<>();
    for (ModelSpec m : model.getSpec().getModels()) {
      if (!seen.add(m.getName())) {
        return Verdict.invalid(
            "DuplicateName", "spec.models: the name " + m.getName() + " is used twice");
      }
    }
    // Joins are checked against every model the project's SemanticModels declare together (a
    // hand-written model may add relationships between models compiled from dbt).
    String projectName = name(model.getSpec().getProjectRef());
    Map<String, Set<String>> columns = projectColumns(projectName, in);
    // Models compiled from dbt artifacts are known to the engine only (the operator does not read
    // the artifacts): a join may name one of them when the project has a dbt source.
    boolean compiledModels =
        in.semanticModels().stream()
            .anyMatch(
                m ->
                    projectName.equals(name(m.getSpec().getProjectRef()))
                        && m.getSpec().getDbt() != null);
    for (RelationshipSpec r : model.getSpec().getRelationships()) {
      for (var side :
          List.of(
              Map.entry(r.getFrom(), r.getFromColumns()), Map.entry(r.getTo(), r.getToColumns()))) {
        Set<String> known = columns.get(side.getKey());
        if (known == null && compiledModels) {
          continue;
        }
        if (known == null) {
          return Verdict.invalid(
              "UnknownModel",
              "relationship "
                  + label(r)
                  + " names model "
                  + side.getKey()
                  + ", which no"
                  + " SemanticModel of this project declares");
        }
        for (String column : side.getValue()) {
          if (!known.isEmpty() && !known.contains(column)) {
            return Verdict.invalid(
                "UnknownColumn",
                "relationship "
                    + label(r)
                    + " joins on "
                    + side.getKey()
                    + "."
                    + column
                    + ", which model "
                    + side.getKey()
                    + " does not declare");
          }
        }
      }
    }
    Set<String> defaultPairs = new HashSet<>();
    for (RelationshipSpec r : model.getSpec().getRelationships()) {
      if (r.joinsByDefault() && !defaultPairs.add(r.getFrom() + " -> " + r.getTo())) {
        return Verdict.invalid(
            "AmbiguousDefaultJoin",
            "two relationships from "
                + r.getFrom()
                + " to "
                + r.getTo()
                + " are marked default; at most one may be");
      }
    }
    return Verdict.ok("valid");
  }

  public Verdict validate(DataPolicy policy, BundleResources in) {
    Optional<Verdict> project = projectExists(policy.getSpec().getProjectRef(), in);
    if (project.isPresent()) {
      return project.get();
    }
    Optional<Verdict> models = policyModelsExist(policy, in);
    if (models.isPresent()) {
      return models.get();
    }
    List<RowFilterSpec> filters = policy.getSpec().getRowFilters();
    for (int i = 0; i < filters.size(); i++) {
      // User attributes (${user.region}) become bind markers before parsing.
      String predicate = filters.get(i).getPredicate().replaceAll("\\$\\{[^}]*}", "?");
      try {
        CCJSqlParserUtil.parseCondExpression(predicate, false); // the whole text, not a prefix
      } catch (JSQLParserException | RuntimeException e) {
        return Verdict.invalid(
            "InvalidPredicate",
            "spec.rowFilters[" + i + "].predicate is not a SQL condition: " + firstLine(e));
      }
    }
    return Verdict.ok("valid");
  }

  public Verdict validate(TrainingPair pair, BundleResources in) {
    Optional<Verdict> project = projectExists(pair.getSpec().getProjectRef(), in);
    if (project.isPresent()) {
      return project.get();
    }
    List<String> tables =
        projectModels(name(pair.getSpec().getProjectRef()), in).stream()
            .map(model -> model.getTable() != null ? model.getTable() : model.getName())
            .toList();
    FirewallPolicy policy = FirewallPolicy.forTables(tables).withParseTimeout(firstParseBudget);
    FirewallVerdict verdict = firewall.check(pair.getSpec().getSql(), policy);
    if (verdict.reason() == FirewallVerdict.Reason.PARSE_TIMEOUT) {
      verdict =
          firewall.check(pair.getSpec().getSql(), policy.withParseTimeout(RETRY_PARSE_BUDGET));
    }
    if (!verdict.allowed()) {
      return Verdict.invalid(
          "SqlRefused",
          "spec.sql is refused by the query firewall ("
              + verdict.reason().slug()
              + "): "
              + verdict.message());
    }
    return Verdict.ok("valid");
  }

  /**
   * A dbt source must exist: its ConfigMap in the namespace, or its DbtRun, of the same project.
   */
  private static Optional<Verdict> dbtSourceExists(SemanticModel model, BundleResources in) {
    DbtArtifactsSpec dbt = model.getSpec().getDbt();
    if (dbt == null) {
      return Optional.empty();
    }
    String configMap = name(dbt.getConfigMapRef());
    if (configMap != null && !in.configMaps().contains(configMap)) {
      return Optional.of(
          Verdict.invalid(
              "ConfigMapNotFound",
              "spec.dbt.configMapRef names ConfigMap "
                  + configMap
                  + ", which does not exist here; create it with the dbt artifacts (manifest.json,"
                  + " optionally catalog.json)"));
    }
    String dbtRun = name(dbt.getDbtRunRef());
    if (dbtRun != null) {
      String project = name(model.getSpec().getProjectRef());
      Optional<DbtRun> run = find(in.dbtRuns(), dbtRun);
      if (run.isEmpty()) {
        return Optional.of(
            Verdict.invalid(
                "DbtRunNotFound",
                "spec.dbt.dbtRunRef names DbtRun " + dbtRun + ", which does not exist here"));
      }
      String runProject = name(run.get().getSpec().getProjectRef());
      if (!project.equals(runProject)) {
        return Optional.of(
            Verdict.invalid(
                "DbtRunNotFound",
                "spec.dbt.dbtRunRef names DbtRun "
                    + dbtRun
                    + ", which builds project "
                    + runProject
                    + ", not "
                    + project));
      }
    }
    return Optional.empty();
  }

  private static Optional<Verdict> projectExists(LocalObjectReference ref, BundleResources in) {
    String project = name(ref);
    if (find(in.projects(), project).isEmpty()) {
      return Optional.of(
          Verdict.invalid(
              "ProjectNotFound",
              "spec.projectRef names Project " + project + ", which does not exist here"));
    }
    return Optional.empty();
  }

  /**
   * Every model a policy's row filters and column rules name is one of its project's. Only
   * decidable when every SemanticModel of the project declares its models: a dbt-sourced one brings
   * its models in a manifest the operator does not read, and then the engine decides when it loads
   * the bundle.
   */
  private static Optional<Verdict> policyModelsExist(DataPolicy policy, BundleResources in) {
    String project = name(policy.getSpec().getProjectRef());
    boolean allDeclared =
        in.semanticModels().stream()
            .filter(m -> project.equals(name(m.getSpec().getProjectRef())))
            .allMatch(m -> m.getSpec().getDbt() == null);
    if (!allDeclared) {
      return Optional.empty();
    }
    Set<String> known = new java.util.TreeSet<>();
    projectModels(project, in).forEach(m -> known.add(m.getName()));
    // Each field that names a model, and the model it names.
    Map<String, String> named = new java.util.LinkedHashMap<>();
    List<RowFilterSpec> filters = policy.getSpec().getRowFilters();
    for (int i = 0; i < filters.size(); i++) {
      named.put("spec.rowFilters[" + i + "].model", filters.get(i).getModel());
    }
    var rules = policy.getSpec().getColumnRules();
    for (int i = 0; i < rules.size(); i++) {
      named.put("spec.columnRules[" + i + "].model", rules.get(i).getModel());
    }
    for (var field : named.entrySet()) {
      String model = field.getValue();
      if (!"*".equals(model) && !known.contains(model)) {
        return Optional.of(
            Verdict.invalid(
                "ModelNotFound",
                field.getKey()
                    + " names model "
                    + model
                    + ", which no SemanticModel of Project "
                    + project
                    + " declares"
                    + (known.isEmpty() ? "" : " (it has " + String.join(", ", known) + ")")));
      }
    }
    return Optional.empty();
  }

  /** Every model the project's SemanticModels declare, together. */
  private static List<ModelSpec> projectModels(String project, BundleResources in) {
    return in.semanticModels().stream()
        .filter(m -> project.equals(name(m.getSpec().getProjectRef())))
        .flatMap(m -> m.getSpec().getModels().stream())
        .toList();
  }

  private static Map<String, Set<String>> projectColumns(String project, BundleResources in) {
    Map<String, Set<String>> columns = new HashMap<>();
    for (ModelSpec model : projectModels(project, in)) {
      Set<String> names = columns.computeIfAbsent(model.getName(), k -> new LinkedHashSet<>());
      for (ColumnSpec c : model.getColumns()) {
        names.add(c.getName());
      }
    }
    return columns;
  }

  private static void secret(SecretReference ref, BundleResources in, List<String> missing) {
    secret(ref == null ? null : ref.getName(), in, missing);
  }

  private static void secret(SecretKeyReference ref, BundleResources in, List<String> missing) {
    secret(ref == null ? null : ref.getName(), in, missing);
  }

  /** Adds a referenced Secret the namespace does not have to {@code missing}. */
  private static void secret(String name, BundleResources in, List<String> missing) {
    if (name != null && !in.secrets().contains(name)) {
      missing.add(name);
    }
  }

  private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> Optional<T> find(
      List<T> resources, String name) {
    return resources.stream().filter(r -> r.getMetadata().getName().equals(name)).findFirst();
  }

  private static String name(LocalObjectReference ref) {
    return ref == null ? null : ref.getName();
  }

  private static String label(RelationshipSpec r) {
    return r.getName() != null ? r.getName() : r.getFrom() + " -> " + r.getTo();
  }

  private static String firstLine(Throwable e) {
    String message = String.valueOf(e.getMessage());
    return message.lines().findFirst().orElse(message);
  }
}
