package io.insightengine.api.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A lexical pass faithful to PostgreSQL's scanner (scan.l) for what matters to a firewall: {@code
 * --} line comments and nested block comments, standard strings with doubled quotes, {@code E''}
 * strings with backslash escapes, {@code U&''}/{@code B''}/{@code X''} strings, quoted identifiers,
 * dollar-quoted strings with tags, positional parameters, numbers, operators, parentheses and
 * semicolons. It splits statements on top-level semicolons and reports the tokens, so that nothing
 * hidden in a comment or a string is mistaken for code, and nothing that is code hides in what
 * another parser takes for a comment or a string.
 *
 * <p>Why our own: JSqlParser is not PostgreSQL's lexer (it does not nest comments, and drops text
 * after the first statement), so the firewall needs an independent reading that agrees with the
 * database's.
 */
public final class PostgresLexer {
  /** Kinds of token. */
  public enum Kind {
    WORD,
    QUOTED_IDENTIFIER,
    STRING,
    NUMBER,
    PARAMETER,
    OPERATOR,
    OPEN_PAREN,
    CLOSE_PAREN,
    SEMICOLON
  }

  /** A token: its kind, its text (a quoted identifier unquoted), and where it starts. */
  public record Token(Kind kind, String text, int offset) {
    /** The text in upper case, for keywords. */
    public String upper() {
      return text.toUpperCase(Locale.ROOT);
    }

    public boolean isWord(String keyword) {
      return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }
  }

  /**
   * The outcome: statements (each a list of tokens), or the lexical error. {@code code} is the
   * input with every comment blanked out where PostgreSQL sees one (same length, line breaks kept):
   * the text a second parser must read, so that it cannot disagree with the database about what is
   * a comment (JSqlParser does not nest block comments).
   */
  public record Result(List<List<Token>> statements, String error, int maxDepth, String code) {
    public boolean ok() {
      return error == null;
    }
  }

  private PostgresLexer() {}

  public static Result scan(String sql) {
    List<List<Token>> statements = new ArrayList<>();
    List<Token> current = new ArrayList<>();
    int depth = 0;
    int maxDepth = 0;
    int openCases = 0;
    char[] code = null; // a copy of the input with the comments blanked, made at the first comment
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int start = i;
        while (i < n && sql.charAt(i) != '\n' && sql.charAt(i) != '\r') {
          i++;
        }
        code = blank(code, sql, start, i);
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int level = 0;
        int start = i;
        while (true) {
          if (i + 1 >= n) {
            return error("unterminated /* comment starting at offset " + start, maxDepth);
          }
          if (sql.charAt(i) == '/' && sql.charAt(i + 1) == '*') {
            level++; // PostgreSQL nests block comments
            i += 2;
          } else if (sql.charAt(i) == '*' && sql.charAt(i + 1) == '/') {
            level--;
            i += 2;
            if (level == 0) {
              code = blank(code, sql, start, i);
              break;
            }
          } else {
            i++;
          }
        }
      } else if (c == '\'') {
        int end = standardString(sql, i + 1);
        if (end < 0) {
          return error("unterminated string starting at offset " + i, maxDepth);
        }
        current.add(new Token(Kind.STRING, sql.substring(i, end), i));
        i = end;
      } else if ((c == 'E' || c == 'e')
          && i + 1 < n
          && sql.charAt(i + 1) == '\''
          && !wordBefore(sql, i)) {
        int end = escapeString(sql, i + 2);
        if (end < 0) {
          return error("unterminated E'' string starting at offset " + i, maxDepth);
        }
        current.add(new Token(Kind.STRING, sql.substring(i, end), i));
        i = end;
      } else if ((c == 'B' || c == 'b' || c == 'X' || c == 'x' || c == 'N' || c == 'n')
          && i + 1 < n
          && sql.charAt(i + 1) == '\''
          && !wordBefore(sql, i)) {
        int end = standardString(sql, i + 2);
        if (end < 0) {
          return error("unterminated string starting at offset " + i, maxDepth);
        }
        current.add(new Token(Kind.STRING, sql.substring(i, end), i));
        i = end;
      } else if ((c == 'U' || c == 'u')
          && i + 2 < n
          && sql.charAt(i + 1) == '&'
          && (sql.charAt(i + 2) == '\'' || sql.charAt(i + 2) == '"')
          && !wordBefore(sql, i)) {
        // Unicode-escaped strings and identifiers: refused outright, their escapes hide words.
        return error("U& escapes are not allowed (offset " + i + ")", maxDepth);
      } else if (c == '"') {
        StringBuilder name = new StringBuilder();
        int j = i + 1;
        while (true) {
          if (j >= n) {
            return error("unterminated quoted identifier starting at offset " + i, maxDepth);
          }
          if (sql.charAt(j) == '"') {
            if (j + 1 < n && sql.charAt(j + 1) == '"') {
              name.append('"');
              j += 2;
              continue;
            }
            break;
          }
          name.append(sql.charAt(j++));
        }
        current.add(new Token(Kind.QUOTED_IDENTIFIER, name.toString(), i));
        i = j + 1;
      } else if (c == '$') {
        int j = i + 1;
        if (j < n && Character.isDigit(sql.charAt(j))) {
          while (j < n && Character.isDigit(sql.charAt(j))) {
            j++;
          }
          current.add(new Token(Kind.PARAMETER, sql.substring(i, j), i));
          i = j;
          continue;
        }
        while (j < n
            && isIdentPart(sql.charAt(j))
            && !(j == i + 1 && Character.isDigit(sql.charAt(j)))) {
          j++;
        }
        if (j < n && sql.charAt(j) == '$') {
          String tag = sql.substring(i, j + 1);
          int close = sql.indexOf(tag, j + 1);
          if (close < 0) {
            return error("unterminated dollar-quoted string " + tag + " at offset " + i, maxDepth);
          }
          current.add(new Token(Kind.STRING, sql.substring(i, close + tag.length()), i));
          i = close + tag.length();
        } else {
          current.add(new Token(Kind.OPERATOR, "$", i));
          i++;
        }
      } else if (isIdentStart(c)) {
        int j = i;
        while (j < n && (isIdentPart(sql.charAt(j)) || sql.charAt(j) == '$')) {
          j++;
        }
        String word = sql.substring(i, j);
        current.add(new Token(Kind.WORD, word, i));
        if (word.equalsIgnoreCase("CASE")) {
          // Nested CASE costs a parser as much as nested parentheses: it counts as depth too.
          openCases++;
          maxDepth = Math.max(maxDepth, ++depth);
        } else if (word.equalsIgnoreCase("END") && openCases > 0) {
          openCases--;
          depth--;
        }
        i = j;
      } else if (Character.isDigit(c)
          || (c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)))) {
        int j = i;
        while (j < n
            && (Character.isLetterOrDigit(sql.charAt(j))
                || sql.charAt(j) == '.'
                || sql.charAt(j) == '_'
                || ((sql.charAt(j) == '+' || sql.charAt(j) == '-')
                    && (sql.charAt(j - 1) == 'e' || sql.charAt(j - 1) == 'E')))) {
          j++;
        }
        current.add(new Token(Kind.NUMBER, sql.substring(i, j), i));
        i = j;
      } else if (c == '(') {
        current.add(new Token(Kind.OPEN_PAREN, "(", i));
        maxDepth = Math.max(maxDepth, ++depth);
        i++;
      } else if (c == ')') {
        current.add(new Token(Kind.CLOSE_PAREN, ")", i));
        depth--;
        i++;
      } else if (c == ';') {
        if (!current.isEmpty()) {
          statements.add(current);
        }
        current = new ArrayList<>();
        i++;
      } else if (c == '\\') {
        return error("a backslash outside a string is not SQL (offset " + i + ")", maxDepth);
      } else {
        current.add(new Token(Kind.OPERATOR, String.valueOf(c), i));
        i++;
      }
    }
    if (!current.isEmpty()) {
      statements.add(current);
    }
    return new Result(statements, null, maxDepth, code == null ? sql : new String(code));
  }

  /** Blanks {@code sql[from, to)} in {@code code} (copied from sql first), keeping line breaks. */
  private static char[] blank(char[] code, String sql, int from, int to) {
    char[] text = code != null ? code : sql.toCharArray();
    for (int k = from; k < to; k++) {
      if (text[k] != '\n' && text[k] != '\r') {
        text[k] = ' ';
      }
    }
    return text;
  }

  /** End (exclusive) of a standard string whose body starts at {@code i}; doubled quotes escape. */
  private static int standardString(String sql, int i) {
    while (i < sql.length()) {
      if (sql.charAt(i) == '\'') {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return -1;
  }

  /** End (exclusive) of an E'' string: backslash escapes any character, doubled quotes too. */
  private static int escapeString(String sql, int i) {
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '\\') {
        i += 2;
        continue;
      }
      if (c == '\'') {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return -1;
  }

  private static boolean wordBefore(String sql, int i) {
    return i > 0 && (isIdentPart(sql.charAt(i - 1)) || sql.charAt(i - 1) == '$');
  }

  private static boolean isIdentStart(char c) {
    return Character.isLetter(c) || c == '_' || c >= 0x80;
  }

  private static boolean isIdentPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c >= 0x80;
  }

  private static Result error(String message, int maxDepth) {
    return new Result(List.of(), message, maxDepth, null);
  }
}
