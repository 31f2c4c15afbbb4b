package io.insightengine.api.sql;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The functions of analytical SQL that the firewall allows (PostgreSQL's names): every other
 * function is refused, server-information (version, inet_server_addr), size, configuration,
 * session, sequence, large-object, file and admin functions included. An allowlist because a
 * denylist misses what it does not name: version() and inet_client_addr() passed one.
 *
 * <p>Written out from PostgreSQL's documentation chapters 9.3-9.22 rather than read from the
 * catalog: the firewall runs before any connection, and pg_proc lists every function of the server
 * with no mark of which are safe to expose. {@code repeat} is left out on purpose: it amplifies a
 * row into any size (a cap on result bytes is the other half of that defence).
 */
final class AnalyticalFunctions {
  private AnalyticalFunctions() {}

  private static final Set<String> ALLOWED =
      Stream.of(
              // aggregates (9.21)
              "count sum avg min max every bool_and bool_or bit_and bit_or string_agg array_agg"
                  + " stddev stddev_pop stddev_samp variance var_pop var_samp corr covar_pop"
                  + " covar_samp regr_avgx regr_avgy regr_count regr_intercept regr_r2 regr_slope"
                  + " regr_sxx regr_sxy regr_syy percentile_cont percentile_disc mode any_value"
                  + " json_agg jsonb_agg json_object_agg jsonb_object_agg",
              // window functions (9.22)
              "row_number rank dense_rank percent_rank cume_dist ntile lag lead first_value"
                  + " last_value nth_value",
              // conditional (9.18)
              "coalesce nullif greatest least",
              // mathematical (9.3)
              "abs cbrt ceil ceiling degrees div exp factorial floor gcd lcm ln log log10 mod pi"
                  + " power pow radians round scale sign sqrt trunc width_bucket random sin cos tan"
                  + " asin acos atan atan2 sinh cosh tanh",
              // string (9.4, 9.7)
              "ascii btrim char_length character_length chr concat concat_ws format initcap left"
                  + " length lower lpad ltrim md5 octet_length overlay position regexp_count"
                  + " regexp_instr regexp_like regexp_match regexp_replace regexp_substr replace"
                  + " reverse right rpad rtrim split_part starts_with strpos substr substring"
                  + " to_hex translate trim upper unistr",
              // formatting (9.8)
              "to_char to_date to_number to_timestamp",
              // date and time (9.9)
              "age date_bin date_part date_trunc extract isfinite justify_days justify_hours"
                  + " justify_interval make_date make_interval make_time make_timestamp"
                  + " make_timestamptz now current_date current_timestamp localtimestamp timezone",
              // JSON readers (9.16)
              "json_array_length jsonb_array_length json_extract_path json_extract_path_text"
                  + " jsonb_extract_path jsonb_extract_path_text json_typeof jsonb_typeof"
                  + " json_build_object jsonb_build_object json_build_array jsonb_build_array"
                  + " to_json to_jsonb jsonb_path_exists jsonb_path_query_first",
              // arrays and series (9.19, 9.25)
              "array_length array_position array_to_string cardinality unnest generate_series")
          .flatMap(group -> Stream.of(group.split(" ")))
          .collect(Collectors.toUnmodifiableSet());

  /**
   * Whether a called function is allowed: one of the list, unqualified or in {@code pg_catalog}
   * (where PostgreSQL's own live); a function of any other schema is the warehouse's own code.
   */
  static boolean allowed(String name) {
    String lower = name.toLowerCase(Locale.ROOT).replace("\"", "");
    int dot = lower.lastIndexOf('.');
    if (dot >= 0) {
      if (!lower.substring(0, dot).equals("pg_catalog")) {
        return false;
      }
      lower = lower.substring(dot + 1);
    }
    return ALLOWED.contains(lower);
  }
}
