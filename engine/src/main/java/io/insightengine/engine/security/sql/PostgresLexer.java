package io.insightengine.engine.security.sql;

import io.insightengine.engine.security.firewall.LexResult.LexError;
import io.insightengine.engine.security.firewall.LexResult.StatementSpan;
import io.insightengine.engine.security.firewall.SqlToken.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * A lexical pass over SQL text that follows PostgreSQL's own lexer ({@code src/backend/parser/scan.l},
 * PostgreSQL 16, with {@code standard_conforming_strings = on}), independent of JSqlParser.
 *
 * <p>It exists because the statement boundaries PostgreSQL sees are decided by its lexer, and
 * JSqlParser's lexer differs from it in ways an attacker can use: PostgreSQL block comments nest,
 * {@code E'...'} strings take backslash escapes, dollar quotes may carry a tag, and a string may
 * continue on the next line. What this class understands:
 *
 * <ul>
 *   <li>whitespace (space, tab, newline, carriage return, form feed, vertical tab);
 *   <li>{@code --} comments to the end of the line and {@code /* *}{@code /} comments, which nest;
 *   <li>standard strings {@code '...'} with {@code ''}; {@code N'...'}; {@code E'...'} with backslash
 *       escapes; {@code B'...'} and {@code X'...'} (no {@code ''} inside); {@code U&'...'}; a string
 *       continued after whitespace containing a newline ({@code 'a'\n'b'}) keeps its kind;
 *   <li>quoted identifiers {@code "..."} with {@code ""}, and {@code U&"..."}; an empty one is an
 *       error;
 *   <li>dollar quotes {@code $$...$$} and {@code $tag$...$tag$} (tag: a letter, underscore or
 *       non-ASCII character, then those or digits); {@code $1} is a parameter, not a quote;
 *   <li>identifiers and key words (which may contain {@code $} after the first character), numbers
 *       (decimal, {@code 0x}/{@code 0o}/{@code 0b}, with {@code _} separators, exponents), operators
 *       (cut where a comment starts), punctuation and semicolons.
 * </ul>
 *
 * <p>Every error PostgreSQL's lexer raises that matters to statement boundaries is reported as a
 * {@link LexError} in the result; nothing is thrown. Statements are split on every semicolon outside
 * quotes and comments; empty statements (only comments or nothing between semicolons) are not
 * counted, so a trailing semicolon followed by whitespace or comments is fine.
 *
 * <p>The lexer is linear in the input and allocates one small record per token.
 */
public final class PostgresLexer {

  private PostgresLexer() {}

  /** Lexes {@code sql}. Never throws for any input string. */
  public static LexResult lex(String sql) {
    Scanner scanner = new Scanner(sql);
    try {
      return scanner.run();
    } catch (Failure f) {
      return LexResult.failure(f.error);
    }
  }

  /** Whether {@code c} is whitespace to PostgreSQL ({@code space} in scan.l). */
  static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
  }

  /** {@code ident_start}: a letter, an underscore, or any non-ASCII character. */
  static boolean isIdentStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
  }

  /** {@code ident_cont}: {@code ident_start}, a digit, or a dollar sign. */
  static boolean isIdentCont(char c) {
    return isIdentStart(c) || (c >= '0' && c <= '9') || c == '$';
  }

  /** {@code dolq_cont}: like {@code ident_cont} without the dollar sign. */
  private static boolean isDollarTagCont(char c) {
    return isIdentStart(c) || (c >= '0' && c <= '9');
  }

  /** {@code op_chars}. */
  static boolean isOpChar(char c) {
    return switch (c) {
      case '~', '!', '@', '#', '^', '&', '|', '`', '?', '+', '-', '*', '/', '%', '<', '>', '=' ->
          true;
      default -> false;
    };
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient LexError error;

    Failure(LexError error) {
      super(error.message(), null, false, false);
      this.error = error;
    }
  }

  private static final class Scanner {
    private final String s;
    private final int n;
    private int pos;
    private final List<SqlToken> tokens;
    private boolean hasComments;
    private int parenDepth;
    private int maxParenDepth;
    private int nestingDepth;
    private int maxNestingDepth;

    Scanner(String s) {
      this.s = s;
      this.n = s.length();
      this.tokens = new ArrayList<>(Math.max(16, n / 4));
    }

    private char at(int i) {
      return i < n ? s.charAt(i) : '\0';
    }

    private boolean has(int i) {
      return i < n;
    }

    private Failure fail(LexError.Kind kind, int offset, String message) {
      return new Failure(new LexError(kind, offset, message + " at offset " + offset));
    }

    private void add(Kind kind, int start, int end) {
      tokens.add(new SqlToken(kind, start, end));
    }

    LexResult run() {
      while (pos < n) {
        char c = s.charAt(pos);
        if (isSpace(c)) {
          pos++;
        } else if (c == '-' && at(pos + 1) == '-') {
          lineComment();
        } else if (c == '/' && at(pos + 1) == '*') {
          blockComment();
        } else if (c == '\'') {
          quoted(Kind.STRING, pos, pos);
        } else if (c == '"') {
          quotedIdentifier(Kind.QUOTED_IDENTIFIER, pos, pos);
        } else if (isIdentStart(c)) {
          identifierOrPrefixedQuote(c);
        } else if (isDigit(c) || (c == '.' && isDigit(at(pos + 1)))) {
          number();
        } else if (c == '$') {
          dollar();
        } else {
          punctuationOrOperator(c);
        }
      }
      return new LexResult(
          tokens, statements(), hasComments, maxParenDepth, maxNestingDepth, null);
    }

    private void lineComment() {
      int start = pos;
      pos += 2;
      while (pos < n && s.charAt(pos) != '\n' && s.charAt(pos) != '\r') {
        pos++;
      }
      add(Kind.LINE_COMMENT, start, pos);
      hasComments = true;
    }

    /** A block comment; {@code /*} inside one opens a nested comment, as in PostgreSQL. */
    private void blockComment() {
      int start = pos;
      int depth = 0;
      pos += 2;
      while (true) {
        if (pos >= n) {
          throw fail(LexError.Kind.UNTERMINATED_COMMENT, start, "unterminated /* comment");
        }
        char c = s.charAt(pos);
        if (c == '/' && at(pos + 1) == '*') {
          depth++;
          pos += 2;
        } else if (c == '*' && at(pos + 1) == '/') {
          pos += 2;
          if (depth == 0) {
            break;
          }
          depth--;
        } else {
          pos++;
        }
      }
      add(Kind.BLOCK_COMMENT, start, pos);
      hasComments = true;
    }

    /**
     * A string whose opening quote is at {@code quote} and whose token starts at {@code start}
     * (before any prefix). Adds one token per quoted segment: {@code 'a'\n'b'} is two tokens of the
     * same kind, as JSqlParser sees two literals there.
     */
    private void quoted(Kind kind, int start, int quote) {
      int segmentStart = start;
      int p = quote + 1;
      while (true) {
        // scan one segment
        while (true) {
          if (p >= n) {
            throw fail(
                LexError.Kind.UNTERMINATED_STRING, segmentStart, "unterminated quoted string");
          }
          char c = s.charAt(p);
          if (c == '\'') {
            boolean doubling =
                kind != Kind.BIT_STRING && kind != Kind.HEX_STRING && at(p + 1) == '\'';
            if (doubling) {
              p += 2;
              continue;
            }
            p++;
            break;
          }
          if (c == '\\' && kind == Kind.ESCAPE_STRING) {
            if (p + 1 >= n) {
              throw fail(
                  LexError.Kind.UNTERMINATED_STRING, segmentStart, "unterminated quoted string");
            }
            p += 2;
            continue;
          }
          p++;
        }
        add(kind, segmentStart, p);
        int next = continuation(p);
        if (next < 0) {
          pos = p;
          return;
        }
        segmentStart = next;
        p = next + 1;
      }
    }

    /**
     * {@code quotecontinue}: whitespace containing a newline (where {@code --} comments count as
     * whitespace) followed by a quote continues the string. Returns the offset of that quote, having
     * recorded the comments in between, or -1.
     */
    private int continuation(int from) {
      int p = from;
      List<int[]> comments = null;
      boolean newline = false;
      while (p < n) {
        char c = s.charAt(p);
        if (c == '\n' || c == '\r') {
          newline = true;
          p++;
        } else if (isSpace(c)) {
          p++;
        } else if (c == '-' && at(p + 1) == '-') {
          int start = p;
          while (p < n && s.charAt(p) != '\n' && s.charAt(p) != '\r') {
            p++;
          }
          if (comments == null) {
            comments = new ArrayList<>(2);
          }
          comments.add(new int[] {start, p});
          if (newline && p >= n) {
            return -1; // special_whitespace needs the comment to end with a newline
          }
        } else {
          break;
        }
      }
      if (!newline || p >= n || s.charAt(p) != '\'') {
        return -1;
      }
      if (comments != null) {
        for (int[] comment : comments) {
          add(Kind.LINE_COMMENT, comment[0], comment[1]);
        }
        hasComments = true;
      }
      return p;
    }

    private void quotedIdentifier(Kind kind, int start, int quote) {
      int p = quote + 1;
      while (true) {
        if (p >= n) {
          throw fail(
              LexError.Kind.UNTERMINATED_QUOTED_IDENTIFIER,
              start,
              "unterminated quoted identifier");
        }
        if (s.charAt(p) == '"') {
          if (at(p + 1) == '"') {
            p += 2;
            continue;
          }
          p++;
          break;
        }
        p++;
      }
      if (p - quote == 2) {
        throw fail(LexError.Kind.ZERO_LENGTH_IDENTIFIER, start, "zero-length delimited identifier");
      }
      add(kind, start, p);
      pos = p;
    }

    private void identifierOrPrefixedQuote(char c) {
      char next = at(pos + 1);
      if (next == '\'') {
        Kind kind =
            switch (c) {
              case 'e', 'E' -> Kind.ESCAPE_STRING;
              case 'b', 'B' -> Kind.BIT_STRING;
              case 'x', 'X' -> Kind.HEX_STRING;
              case 'n', 'N' -> Kind.NATIONAL_STRING;
              default -> null;
            };
        if (kind != null) {
          quoted(kind, pos, pos + 1);
          return;
        }
      }
      if ((c == 'u' || c == 'U') && next == '&') {
        char third = at(pos + 2);
        if (third == '\'') {
          quoted(Kind.UNICODE_STRING, pos, pos + 2);
          return;
        }
        if (third == '"') {
          quotedIdentifier(Kind.UNICODE_IDENTIFIER, pos, pos + 2);
          return;
        }
      }
      int start = pos;
      pos++;
      while (pos < n && isIdentCont(s.charAt(pos))) {
        pos++;
      }
      add(Kind.IDENTIFIER, start, pos);
      int length = pos - start;
      if (length == 4) {
        if (s.regionMatches(true, start, "case", 0, 4)) {
          open(false);
        }
      } else if (length == 3 && s.regionMatches(true, start, "end", 0, 3)) {
        close(false);
      }
    }

    private void number() {
      int start = pos;
      char c = s.charAt(pos);
      char radix = Character.toLowerCase(at(pos + 1));
      if (c == '0' && (radix == 'x' || radix == 'o' || radix == 'b') && isRadixDigit(radix, 2)) {
        pos += 2;
        while (pos < n && (isRadixDigit(radix, 0) || s.charAt(pos) == '_')) {
          pos++;
        }
      } else {
        digits();
        if (at(pos) == '.' && at(pos + 1) != '.') {
          pos++;
          digits();
        }
        char e = at(pos);
        if (e == 'e' || e == 'E') {
          char sign = at(pos + 1);
          if (isDigit(sign)) {
            pos++;
            digits();
          } else if ((sign == '+' || sign == '-') && isDigit(at(pos + 2))) {
            pos += 2;
            digits();
          }
        }
      }
      if (pos < n && isIdentStart(s.charAt(pos))) {
        throw fail(LexError.Kind.TRAILING_JUNK, start, "trailing junk after numeric literal");
      }
      add(Kind.NUMBER, start, pos);
    }

    private boolean isRadixDigit(char radix, int offset) {
      char d = at(pos + offset);
      return switch (radix) {
        case 'x' -> isDigit(d) || (d >= 'a' && d <= 'f') || (d >= 'A' && d <= 'F');
        case 'o' -> d >= '0' && d <= '7';
        default -> d == '0' || d == '1';
      };
    }

    private void digits() {
      while (pos < n && (isDigit(s.charAt(pos)) || (s.charAt(pos) == '_' && isDigit(at(pos + 1))))) {
        pos++;
      }
    }

    private void dollar() {
      int start = pos;
      if (isDigit(at(pos + 1))) {
        pos++;
        while (pos < n && isDigit(s.charAt(pos))) {
          pos++;
        }
        if (pos < n && isIdentStart(s.charAt(pos))) {
          throw fail(LexError.Kind.TRAILING_JUNK, start, "trailing junk after parameter");
        }
        add(Kind.PARAMETER, start, pos);
        return;
      }
      int p = pos + 1;
      if (p < n && isIdentStart(s.charAt(p))) {
        p++;
        while (p < n && isDollarTagCont(s.charAt(p))) {
          p++;
        }
      }
      if (p < n && s.charAt(p) == '$') {
        String delimiter = s.substring(start, p + 1);
        int close = s.indexOf(delimiter, p + 1);
        if (close < 0) {
          throw fail(
              LexError.Kind.UNTERMINATED_DOLLAR_QUOTE, start, "unterminated dollar-quoted string");
        }
        pos = close + delimiter.length();
        add(Kind.DOLLAR_STRING, start, pos);
        return;
      }
      // dolqfailed, or a lone dollar sign: PostgreSQL returns the '$' itself
      pos++;
      add(Kind.OTHER, start, pos);
    }

    private void punctuationOrOperator(char c) {
      int start = pos;
      switch (c) {
        case '(' -> {
          pos++;
          add(Kind.LEFT_PAREN, start, pos);
          open(true);
        }
        case ')' -> {
          pos++;
          add(Kind.RIGHT_PAREN, start, pos);
          close(true);
        }
        case '[' -> {
          pos++;
          add(Kind.LEFT_BRACKET, start, pos);
          open(true);
        }
        case ']' -> {
          pos++;
          add(Kind.RIGHT_BRACKET, start, pos);
          close(true);
        }
        case ',' -> {
          pos++;
          add(Kind.COMMA, start, pos);
        }
        case ';' -> {
          pos++;
          add(Kind.SEMICOLON, start, pos);
        }
        case '.' -> {
          pos += at(pos + 1) == '.' ? 2 : 1;
          add(pos - start == 2 ? Kind.OPERATOR : Kind.DOT, start, pos);
        }
        case ':' -> {
          char next = at(pos + 1);
          pos += (next == ':' || next == '=') ? 2 : 1;
          add(Kind.OPERATOR, start, pos);
        }
        default -> {
          if (isOpChar(c)) {
            pos++;
            while (pos < n && isOpChar(s.charAt(pos))) {
              char d = s.charAt(pos);
              char after = at(pos + 1);
              if ((d == '-' && after == '-') || (d == '/' && after == '*')) {
                break; // a comment starts inside the operator: the operator ends there
              }
              pos++;
            }
            add(Kind.OPERATOR, start, pos);
          } else {
            pos++;
            add(Kind.OTHER, start, pos);
          }
        }
      }
    }

    private void open(boolean paren) {
      if (paren) {
        parenDepth++;
        maxParenDepth = Math.max(maxParenDepth, parenDepth);
      }
      nestingDepth++;
      maxNestingDepth = Math.max(maxNestingDepth, nestingDepth);
    }

    private void close(boolean paren) {
      if (paren && parenDepth > 0) {
        parenDepth--;
      }
      if (nestingDepth > 0) {
        nestingDepth--;
      }
    }

    private List<StatementSpan> statements() {
      List<StatementSpan> result = new ArrayList<>(1);
      int first = -1;
      int last = -1;
      for (int i = 0; i < tokens.size(); i++) {
        SqlToken t = tokens.get(i);
        if (t.kind() == Kind.SEMICOLON) {
          if (first >= 0) {
            result.add(span(first, last));
          }
          first = -1;
          last = -1;
        } else if (!t.kind().isComment()) {
          if (first < 0) {
            first = i;
          }
          last = i;
        }
      }
      if (first >= 0) {
        result.add(span(first, last));
      }
      return result;
    }

    private StatementSpan span(int first, int last) {
      return new StatementSpan(tokens.get(first).start(), tokens.get(last).end(), first, last);
    }
  }
}
