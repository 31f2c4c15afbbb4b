package io.insightengine.engine.api;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Declares in the OpenAPI document every error status each endpoint answers, each with the
 * problem+json body ({@link Problem}). One table instead of an annotation per status and endpoint,
 * so the statuses an endpoint can answer are read in one place; the API tests (schemathesis) refuse
 * any status not listed here.
 */
public class ProblemResponses implements OASFilter {
  private static final Map<Integer, String> MEANING =
      Map.ofEntries(
          Map.entry(400, "The request is malformed: the problem says which field and why"),
          Map.entry(401, "No valid credentials were presented"),
          Map.entry(403, "The caller may not do this (or the endpoint is disabled)"),
          Map.entry(404, "No such project or object"),
          Map.entry(405, "The method is not allowed here (see Allow)"),
          Map.entry(406, "None of the accepted media types can be produced"),
          Map.entry(413, "The request body is larger than allowed"),
          Map.entry(414, "The request URI is too long"),
          Map.entry(415, "The request body's media type is not accepted"),
          Map.entry(
              422,
              "The query was refused (firewall, limits) or the warehouse refused it: not retried"),
          Map.entry(
              503, "A database or the configuration is unavailable now: retry after Retry-After"),
          Map.entry(504, "The query ran longer than the project's query timeout"));

  private static final List<Integer> BODY = List.of(400, 406, 413, 415);
  private static final List<Integer> NEEDS_PROJECT = List.of(404, 503);

  private static final List<Integer> INTERNAL = List.of(401, 403, 404, 406, 414);

  /** Statuses besides success, by "METHOD path". */
  private static final Map<String, List<Integer>> STATUSES =
      Map.of(
          "POST /api/v1/ask", join(BODY, NEEDS_PROJECT, List.of(422, 504)),
          "POST /api/v1/generate-sql", join(BODY, NEEDS_PROJECT, List.of(422)),
          "POST /api/v1/sql/generate", join(BODY, NEEDS_PROJECT, List.of(422)),
          "POST /api/v1/sql/execute", join(BODY, NEEDS_PROJECT, List.of(422, 504)),
          "GET /api/v1/sql/history", List.of(400, 406, 414, 503),
          "POST /internal/v1/projects/{project}/dbt-artifacts", join(BODY, INTERNAL, List.of(503)),
          "GET /internal/v1/projects/{project}/dbt-artifacts", join(INTERNAL, List.of(400, 503)),
          "GET /internal/v1/status", INTERNAL);

  @Override
  public void filterOpenAPI(OpenAPI openApi) {
    if (openApi.getComponents() == null) {
      openApi.setComponents(OASFactory.createComponents());
    }
    openApi.getComponents().addSchema("Problem", problemSchema());
    if (openApi.getPaths() == null) {
      return;
    }
    openApi
        .getPaths()
        .getPathItems()
        .forEach(
            (path, item) ->
                item.getOperations()
                    .forEach(
                        (method, operation) -> {
                          List<Integer> statuses = STATUSES.get(method + " " + path);
                          if (statuses != null) {
                            statuses.forEach(status -> declare(operation, status));
                          }
                        }));
  }

  /** Adds {@code status} with the problem body, unless the operation declares it already. */
  static void declare(Operation operation, int status) {
    String code = String.valueOf(status);
    if (operation.getResponses().hasAPIResponse(code)) {
      return;
    }
    operation
        .getResponses()
        .addAPIResponse(
            code,
            OASFactory.createAPIResponse()
                .description(MEANING.get(status))
                .content(
                    OASFactory.createContent()
                        .addMediaType(
                            Problem.MEDIA_TYPE,
                            OASFactory.createMediaType()
                                .schema(OASFactory.createSchema().ref("Problem")))));
  }

  private static Schema problemSchema() {
    Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
    return OASFactory.createSchema()
        .addType(Schema.SchemaType.OBJECT)
        .description("An RFC 9457 problem detail, with the request's correlation ID")
        .required(List.of("type", "title", "status"))
        .addProperty("type", text)
        .addProperty("title", text)
        .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
        .addProperty("detail", text)
        .addProperty("instance", text)
        .addProperty("correlationId", text);
  }

  @SafeVarargs
  private static List<Integer> join(List<Integer>... lists) {
    return java.util.Arrays.stream(lists).flatMap(List::stream).distinct().sorted().toList();
  }
}
