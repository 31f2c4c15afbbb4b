package io.insightengine.engine.security.firewall;

import java.util.List;

/**
 * What {@link PostgresLexer} found: either the tokens and the statements they form, or the lexical
 * error PostgreSQL would report.
 *
 * @param tokens every token, comments included, in order (empty on error)
 * @param statements the non-empty statements, split on semicolons outside quotes and comments
 * @param hasComments whether the input contains a comment
 * @param maxParenDepth the deepest nesting of parentheses and brackets
 * @param maxNestingDepth the deepest nesting of parentheses, brackets and {@code CASE ... END}
 * @param error the lexical error, or {@code null} when the input lexes
 */
public record LexResult(
    List<SqlToken> tokens,
    List<StatementSpan> statements,
    boolean hasComments,
    int maxParenDepth,
    int maxNestingDepth,
    LexError error) {

  public LexResult {
    tokens = List.copyOf(tokens);
    statements = List.copyOf(statements);
  }

  static LexResult failure(LexError error) {
    return new LexResult(List.of(), List.of(), false, 0, 0, error);
  }

  public boolean ok() {
    return error == null;
  }

  public int statementCount() {
    return statements.size();
  }

  /**
   * One statement: the tokens from {@code firstToken} to {@code lastToken} (indexes into {@link
   * #tokens()}, inclusive, neither a comment) covering {@code [start, end)} of the input; the
   * terminating semicolon is not part of it.
   */
  public record StatementSpan(int start, int end, int firstToken, int lastToken) {}

  /** A lexical error: what, where (a character offset), and PostgreSQL's wording of it. */
  public record LexError(Kind kind, int offset, String message) {
    public enum Kind {
      UNTERMINATED_STRING,
      UNTERMINATED_QUOTED_IDENTIFIER,
      UNTERMINATED_COMMENT,
      UNTERMINATED_DOLLAR_QUOTE,
      ZERO_LENGTH_IDENTIFIER,
      TRAILING_JUNK
    }
  }
}
