package io.insightengine.engine.security;

import java.util.Map;
import java.util.Set;

/**
 * Who asks. Every request carries one; until authentication lands (JWT, API keys) it is the
 * anonymous principal, and the policy stage has nothing to restrict it by.
 */
public record Principal(String name, Set<String> groups, Map<String, String> attributes) {
  public static final Principal ANONYMOUS = new Principal("anonymous", Set.of(), Map.of());
}
