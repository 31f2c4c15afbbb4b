package io.insightengine.engine.semantic;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.insightengine.api.v1alpha1.semantic.ColumnSpec;
import io.insightengine.api.v1alpha1.semantic.DimensionSpec;
import io.insightengine.api.v1alpha1.semantic.ModelSpec;
import io.insightengine.api.v1alpha1.semantic.SemanticModelSpec;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Time dimensions of a model's date columns, when nothing else declares them: the dbt compiler
 * applies the rule with the types of the dbt catalog, the engine with the types its warehouse
 * reports (most dbt projects declare no {@code data_type}, and many have no semantic layer).
 *
 * <p>The model's default time dimension is set only when the project calls one date just "date" (a
 * synonym) or says in its description that the model's rows are counted or dated by it, or when a
 * date is named after the model itself: among several dates (opened, escalated, closed) the first
 * column is not a reading of the question, and a lone date may date one event of the row (a birth
 * date), so a period without a word naming its date is asked back.
 */
public final class DateColumns {
  private static final Set<String> TIME_TYPES =
      Set.of(
          "date",
          "timestamp",
          "timestamptz",
          "datetime",
          "timestamp without time zone",
          "timestamp with time zone");

  private static final ObjectMapper JSON = new ObjectMapper();

  private DateColumns() {}

  /** Whether a column of this SQL type holds dates or times ({@code timestamp(3)} included). */
  public static boolean isTimeType(String type) {
    if (type == null) {
      return false;
    }
    String t = type.toLowerCase(Locale.ROOT).trim();
    return TIME_TYPES.contains(t) || TIME_TYPES.contains(t.replaceAll("\\(.*|\\s.*", ""));
  }

  /**
   * Adds a time dimension for every column of a time type that no dimension declares, and the
   * default time dimension when the model declares none and a date is named after the model.
   * Returns how many dimensions it added.
   */
  public static int addTimeDimensions(ModelSpec model) {
    Set<String> declared =
        model.getDimensions().stream().map(DimensionSpec::getName).collect(Collectors.toSet());
    int added = 0;
    for (ColumnSpec column : model.getColumns()) {
      if (!declared.contains(column.getName())
          && column.getValues().isEmpty()
          && isTimeType(column.getType())) {
        DimensionSpec dimension = new DimensionSpec();
        dimension.setName(column.getName());
        dimension.setType(DimensionSpec.Type.TIME);
        model.getDimensions().add(dimension);
        added++;
      }
    }
    if (model.getDefaultTimeDimension() == null) {
      ownDate(model).ifPresent(model::setDefaultTimeDimension);
    }
    return added;
  }

  /** Words of a date column's name that say how precisely it records, not what. */
  private static final Set<String> PRECISION_WORDS =
      Words.keys("at", "on", "date", "day", "time", "timestamp", "ts", "datetime", "dt");

  /**
   * The words of a date column's name that say what it records: "close" of both {@code closed_at}
   * and {@code closed_date}; empty for a name such as {@code day}.
   */
  public static List<String> eventOf(String name) {
    return Words.tokens(name).stream().filter(w -> !PRECISION_WORDS.contains(w)).toList();
  }

  /**
   * The date of the model's own rows: the one date whose synonyms include plain "date"; else the
   * one whose description says the model's rows are counted or dated by it; else the time dimension
   * named after the model ({@code ticket_date} of tickets, {@code visited_at} of support visits),
   * the one of type date when it is recorded at two precisions. A date named otherwise ({@code
   * due_date}, {@code closed_date}) dates one event of the row, so it is no default.
   */
  private static Optional<String> ownDate(ModelSpec model) {
    // A date the project itself calls just "date" (a synonym), or whose description says the
    // model's rows are counted or dated by it: its author named the default.
    List<String> calledDate =
        timeColumns(model)
            .filter(c -> c.getSynonyms().stream().anyMatch(s -> s.trim().equalsIgnoreCase("date")))
            .map(ColumnSpec::getName)
            .toList();
    if (calledDate.size() == 1) {
      return Optional.of(calledDate.get(0));
    }
    List<String> countedBy =
        timeColumns(model)
            .filter(c -> countsTheRowsOf(c.getDescription(), model.getName()))
            .map(ColumnSpec::getName)
            .toList();
    if (countedBy.size() == 1) {
      return Optional.of(countedBy.get(0));
    }
    Set<String> modelWords = Set.copyOf(Words.tokens(model.getName()));
    Map<String, String> types =
        model.getColumns().stream()
            .filter(c -> c.getType() != null)
            .collect(Collectors.toMap(ColumnSpec::getName, ColumnSpec::getType, (a, b) -> a));
    List<String> own =
        model.getDimensions().stream()
            .filter(d -> d.getType() == DimensionSpec.Type.TIME)
            .map(DimensionSpec::getName)
            .filter(
                name -> {
                  List<String> words = eventOf(name);
                  return !words.isEmpty() && modelWords.containsAll(words);
                })
            .toList();
    return own.stream()
        .filter(name -> "date".equalsIgnoreCase(String.valueOf(types.get(name)).trim()))
        .findFirst()
        .or(() -> own.stream().findFirst());
  }

  /** "…; claims are counted by it", "the date a trip is counted on": the subject is group 1. */
  private static final Pattern COUNTED_BY =
      Pattern.compile(
          "(?i)(?:^|[.;:]\\s*|\\bthe (?:date|day) )(?:an? |the |all )?([a-z][a-z ]*?)"
              + " (?:is|are) (?:counted|dated) (?:by|on)\\b");

  /**
   * Whether a date column's description says that the rows of the model are counted or dated by it,
   * naming the model's rows and nothing narrower ("claims are counted by it", not "claims paid in a
   * period are dated by it").
   */
  static boolean countsTheRowsOf(String description, String model) {
    if (description == null) {
      return false;
    }
    List<String> rows = Words.tokens(model);
    Matcher m = COUNTED_BY.matcher(description);
    // Every start, overlapping ones included: "…; the date a trip is counted on" begins twice.
    for (int from = 0; from < description.length() && m.find(from); from = m.start() + 1) {
      if (Words.tokens(m.group(1)).equals(rows)) {
        return true;
      }
    }
    return false;
  }

  private static java.util.stream.Stream<ColumnSpec> timeColumns(ModelSpec model) {
    Set<String> time =
        model.getDimensions().stream()
            .filter(d -> d.getType() == DimensionSpec.Type.TIME)
            .map(DimensionSpec::getName)
            .collect(Collectors.toSet());
    return model.getColumns().stream().filter(c -> time.contains(c.getName()));
  }

  /**
   * A copy of the spec with the warehouse's types ({@code model -> column -> type}) on the columns
   * that declare none and the time dimensions they give; empty when they give none.
   */
  public static Optional<SemanticModelSpec> withWarehouseTypes(
      SemanticModelSpec spec, Map<String, Map<String, String>> types) {
    SemanticModelSpec copy = JSON.convertValue(spec, SemanticModelSpec.class);
    int added = 0;
    for (ModelSpec model : copy.getModels()) {
      Map<String, String> columns = types.getOrDefault(model.getName(), Map.of());
      for (ColumnSpec column : model.getColumns()) {
        String type = columns.get(column.getName());
        if ((column.getType() == null || column.getType().isBlank()) && type != null) {
          column.setType(type);
        }
      }
      added += addTimeDimensions(model);
    }
    return added == 0 ? Optional.empty() : Optional.of(copy);
  }
}
