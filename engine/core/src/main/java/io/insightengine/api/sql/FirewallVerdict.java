package io.insightengine.api.sql;

import java.time.Duration;
import java.util.List;
import net.sf.jsqlparser.statement.select.Select;

/**
 * The firewall's decision: allowed (with the parsed query, for the stages that rewrite it, and the
 * tables it reads) or refused with a reason and a message naming the offending part.
 */
public record FirewallVerdict(
    Reason reason, String message, Select select, List<String> tables, Duration took) {
  /** Why a query was refused; {@code ALLOWED} when it was not. */
  public enum Reason {
    ALLOWED,
    TOO_LONG,
    NUL_BYTE,
    LEXICAL_ERROR,
    EMPTY,
    MULTIPLE_STATEMENTS,
    TOO_DEEP,
    PARSE_TIMEOUT,
    UNPARSEABLE,
    NOT_A_SELECT,
    WRITABLE_CTE,
    SELECT_INTO,
    LOCKING_CLAUSE,
    DENIED_FUNCTION,
    SYSTEM_CATALOG,
    RECURSIVE_CTE,
    TABLE_NOT_ALLOWED;

    /** The reason as it appears in problem types and messages: {@code table-not-allowed}. */
    public String slug() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  public boolean allowed() {
    return reason == Reason.ALLOWED;
  }
}
