package io.insightengine.api.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Evaluates the CRDs' {@code x-kubernetes-validations} rules with the reference Java implementation
 * of CEL, binding {@code self} the way the API server does, so a standalone engine refuses what
 * {@code kubectl apply} would refuse. Our rules use only standard CEL (has, size, all, exists_one,
 * filter, in); the Kubernetes extension libraries are not needed.
 */
final class CelRules {
  private final CelCompiler compiler =
      CelCompilerFactory.standardCelCompilerBuilder()
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addVar("self", SimpleType.DYN)
          .build();
  private final CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder().build();
  private final Map<String, CelRuntime.Program> programs = new ConcurrentHashMap<>();

  /**
   * Evaluates {@code rule} with {@code self} bound to {@code value}; returns the reason it failed,
   * or empty when it holds.
   */
  Optional<String> violation(String rule, JsonNode value) {
    try {
      Object result = program(rule).eval(Map.of("self", toCel(value)));
      return Boolean.TRUE.equals(result) ? Optional.empty() : Optional.of("rule failed");
    } catch (CelEvaluationException e) {
      return Optional.of("rule could not be evaluated: " + e.getMessage());
    }
  }

  private CelRuntime.Program program(String rule) {
    return programs.computeIfAbsent(
        rule,
        r -> {
          try {
            CelAbstractSyntaxTree ast = compiler.compile(r).getAst();
            return runtime.createProgram(ast);
          } catch (CelValidationException | CelEvaluationException e) {
            // The rules come from our own generated CRDs: a rule that does not compile is a bug.
            throw new IllegalStateException("invalid CEL rule in the CRD: " + r, e);
          }
        });
  }

  /** JSON to the value types CEL expects: maps, lists, long, double, string, bool. */
  private static Object toCel(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.fields().forEachRemaining(e -> map.put(e.getKey(), toCel(e.getValue())));
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(item -> list.add(toCel(item)));
      return list;
    }
    if (node.isIntegralNumber()) {
      return node.asLong();
    }
    if (node.isNumber()) {
      return node.asDouble();
    }
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    return node.asText();
  }
}
