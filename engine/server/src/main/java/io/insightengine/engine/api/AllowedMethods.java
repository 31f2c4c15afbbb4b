package io.insightengine.engine.api;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The methods each path of the API answers, for the {@code Allow} header of a 405 (RFC 9110
 * requires it; Quarkus REST sends none). Read from the resource classes' annotations, so it cannot
 * drift from what is served.
 */
final class AllowedMethods {
  private record Route(Pattern path, String method) {}

  private static final List<Route> ROUTES = new ArrayList<>();

  static {
    for (Class<?> resource : List.of(QueryResource.class, InternalResource.class)) {
      String base = resource.getAnnotation(Path.class).value();
      for (Method m : resource.getMethods()) {
        String verb = verb(m);
        if (verb != null) {
          Path sub = m.getAnnotation(Path.class);
          String template = base + (sub == null ? "" : sub.value());
          ROUTES.add(new Route(Pattern.compile(template.replaceAll("\\{[^}]+}", "[^/]+")), verb));
        }
      }
    }
  }

  private AllowedMethods() {}

  /** The methods allowed on {@code path}, comma-separated, or null when none is known. */
  static String of(String path) {
    Set<String> methods = new TreeSet<>();
    String normalized =
        path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
    for (Route r : ROUTES) {
      if (r.path().matcher(normalized).matches()) {
        methods.add(r.method());
      }
    }
    if (methods.contains("GET")) {
      methods.add("HEAD");
    }
    return methods.isEmpty() ? null : String.join(", ", methods);
  }

  private static String verb(Method m) {
    for (var a : m.getAnnotations()) {
      HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
      if (http != null) {
        return http.value();
      }
    }
    return null;
  }
}
