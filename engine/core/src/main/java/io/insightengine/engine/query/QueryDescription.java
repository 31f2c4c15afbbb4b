package io.insightengine.engine.query;

import io.insightengine.engine.interpret.TimeRange;
import io.insightengine.engine.semantic.SemanticLayer;
import java.util.ArrayList;
import java.util.List;

/** Says a semantic query in plain words, in the project's own vocabulary. */
public final class QueryDescription {
  private QueryDescription() {}

  /**
   * The computation in words: "Computed revenue, where region is EMEA, for last quarter by order
   * date, grouped by country." {@code period} (optional) names the period as the question said it.
   */
  public static String describe(SemanticQuery query, TimeRange period, SemanticLayer layer) {
    if (query.select().isEmpty()) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    List<String> metrics = query.select().stream().map(m -> selectionText(m, layer)).toList();
    StringBuilder text = new StringBuilder("Computed ").append(String.join(" and ", metrics));
    List<String> conditions = new ArrayList<>();
    String window = null;
    for (SemanticQuery.Filter f : query.filters()) {
      if (f instanceof SemanticQuery.TimeWindow t) {
        window =
            (period != null ? period.describe() : t.from() + " to " + t.until().minusDays(1))
                + " by "
                + words(t.field().name());
      } else {
        conditions.add(filterText(f));
      }
    }
    if (!conditions.isEmpty()) {
      parts.add("where " + String.join(" and ", conditions));
    }
    if (window != null) {
      parts.add("for " + window);
    }
    if (query.compareWith() != null) {
      parts.add(
          "compared with "
              + query.compareWith().from()
              + " to "
              + query.compareWith().until().minusDays(1)
              + " (the change in percent)");
    }
    List<String> grouped = new ArrayList<>();
    for (SemanticQuery.GroupBy g : query.groupBy()) {
      if (g.grain() != null) {
        parts.add("per " + g.grain().sqlName());
      } else {
        grouped.add(words(g.field().name()));
      }
    }
    if (!grouped.isEmpty()) {
      parts.add("grouped by " + String.join(", ", grouped));
    }
    if (!query.having().isEmpty()) {
      parts.add(
          "keeping groups with "
              + String.join(
                  " and ",
                  query.having().stream()
                      .map(
                          h ->
                              selectionText(query.select().get(h.selection()), layer)
                                  + " "
                                  + h.operator().sql()
                                  + " "
                                  + h.value().toPlainString())
                      .toList()));
    }
    if (!query.orderBy().isEmpty() && query.limit() != null) {
      parts.add(
          (query.orderBy().get(0).descending() ? "highest " : "lowest ")
              + query.limit()
              + " first");
    }
    if (!parts.isEmpty()) {
      text.append(", ").append(String.join(", ", parts));
    }
    return text.append('.').toString();
  }

  private static String filterText(SemanticQuery.Filter f) {
    if (f instanceof SemanticQuery.ValueFilter v) {
      return words(v.field().name())
          + (v.negated() ? " not" : "")
          + (v.values().size() == 1 ? " is " : " in ")
          + String.join(", ", v.values());
    } else if (f instanceof SemanticQuery.RangeFilter r) {
      return words(r.field().name()) + " " + r.operator().sql() + " " + r.value().toPlainString();
    } else if (f instanceof SemanticQuery.NamedFilter n) {
      return words(n.name());
    } else if (f instanceof SemanticQuery.TermFilter t) {
      return t.term();
    } else if (f instanceof SemanticQuery.Exists e) {
      return "having " + words(e.related());
    }
    SemanticQuery.TimeWindow t = (SemanticQuery.TimeWindow) f;
    return words(t.field().name()) + " from " + t.from() + " to " + t.until().minusDays(1);
  }

  private static String words(String name) {
    return name.replace('_', ' ');
  }

  /** How a selection is said: "the number of orders", "revenue (net sales)". */
  public static String selection(SemanticQuery.Selection s, SemanticLayer layer) {
    return selectionText(s, layer);
  }

  private static String selectionText(SemanticQuery.Selection s, SemanticLayer layer) {
    if (s instanceof SemanticQuery.RowCount c) {
      return "the number of " + words(c.model());
    } else if (s instanceof SemanticQuery.Aggregate a) {
      String said =
          switch (a.function()) {
            case AVG -> "the average ";
            case SUM -> "the total ";
            case MAX -> "the highest ";
            case MIN -> "the lowest ";
            case COUNT_DISTINCT -> "the number of distinct ";
          };
      return said + words(a.field().name());
    } else if (s instanceof SemanticQuery.Listed l) {
      return words(l.field().name());
    } else if (s instanceof SemanticQuery.Share share) {
      return "the share of "
          + selectionText(share.of(), layer)
          + " where "
          + String.join(" and ", share.where().stream().map(QueryDescription::filterText).toList());
    } else if (s instanceof SemanticQuery.Measure m) {
      return layer
          .measure(m.name())
          .map(x -> x.description() != null ? lower(x.description()) : words(x.name()))
          .orElse(words(m.name()));
    }
    String metric = ((SemanticQuery.Metric) s).name();
    return layer
        .metric(metric)
        .map(
            m -> {
              String label = m.label().toLowerCase(java.util.Locale.ROOT);
              String description = m.spec().getDescription();
              return description == null ? label : label + " (" + lower(description) + ")";
            })
        .orElse(metric);
  }

  private static String lower(String sentence) {
    String trimmed =
        sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
    return trimmed.isEmpty()
        ? trimmed
        : Character.toLowerCase(trimmed.charAt(0)) + trimmed.substring(1);
  }
}
