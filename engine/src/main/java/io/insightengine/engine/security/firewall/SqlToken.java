package io.insightengine.engine.security.firewall;

/**
 * One token found by {@link PostgresLexer}: its kind and its span {@code [start, end)} in the input.
 */
public record SqlToken(Kind kind, int start, int end) {

  /** What PostgreSQL's lexer would make of the characters of a token. */
  public enum Kind {
    /** An unquoted identifier or key word ({@code SELECT}, {@code fct_orders}). */
    IDENTIFIER,
    /** A double-quoted identifier, {@code "a""b"}. */
    QUOTED_IDENTIFIER,
    /** A Unicode-escaped quoted identifier, {@code U&"d\0061t"}. */
    UNICODE_IDENTIFIER,
    /** A standard string {@code '...'} ({@code ''} escapes a quote, a backslash is a character). */
    STRING,
    /** An escape string {@code E'...'} (backslash escapes). */
    ESCAPE_STRING,
    /** A national string {@code N'...'} (lexed like a standard string). */
    NATIONAL_STRING,
    /** A bit string {@code B'0101'}. */
    BIT_STRING,
    /** A hexadecimal bit string {@code X'1F'}. */
    HEX_STRING,
    /** A Unicode-escaped string {@code U&'d\0061t'}. */
    UNICODE_STRING,
    /** A dollar-quoted string, {@code $$...$$} or {@code $tag$...$tag$}. */
    DOLLAR_STRING,
    /** A positional parameter, {@code $1}. */
    PARAMETER,
    /** A numeric constant. */
    NUMBER,
    /** An operator ({@code +}, {@code <>}, {@code ->>}, {@code ::}, {@code :}...). */
    OPERATOR,
    LEFT_PAREN,
    RIGHT_PAREN,
    LEFT_BRACKET,
    RIGHT_BRACKET,
    COMMA,
    DOT,
    SEMICOLON,
    /** A {@code --} comment, up to (not including) the end of the line. */
    LINE_COMMENT,
    /** A {@code /* ... *}{@code /} comment, nested ones included. */
    BLOCK_COMMENT,
    /** A character PostgreSQL's lexer returns as itself and its grammar rejects ({@code \}, {@code $}, ...). */
    OTHER;

    /** Whether the token's characters are data (quoted), not code: strings and quoted identifiers. */
    public boolean isQuoted() {
      return switch (this) {
        case QUOTED_IDENTIFIER,
                UNICODE_IDENTIFIER,
                STRING,
                ESCAPE_STRING,
                NATIONAL_STRING,
                BIT_STRING,
                HEX_STRING,
                UNICODE_STRING,
                DOLLAR_STRING ->
            true;
        default -> false;
      };
    }

    /** Whether the token is a string constant of any kind. */
    public boolean isString() {
      return isQuoted() && this != QUOTED_IDENTIFIER && this != UNICODE_IDENTIFIER;
    }

    public boolean isComment() {
      return this == LINE_COMMENT || this == BLOCK_COMMENT;
    }
  }

  public int length() {
    return end - start;
  }

  /** The token's characters in {@code source}. */
  public String text(CharSequence source) {
    return source.subSequence(start, end).toString();
  }
}
