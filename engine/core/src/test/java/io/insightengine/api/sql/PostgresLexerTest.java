package io.insightengine.api.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PostgresLexerTest {
  private static int statements(String sql) {
    PostgresLexer.Result result = PostgresLexer.scan(sql);
    assertThat(result.ok()).as(result.error()).isTrue();
    return result.statements().size();
  }

  @Test
  void nestedBlockCommentsHideSemicolons() {
    assertThat(statements("SELECT 1 /* outer /* inner */ still comment ; */ FROM t")).isEqualTo(1);
  }

  @Test
  void theCodeTextBlanksCommentsWherePostgresSeesThem() {
    String sql = "SELECT 1 /* a /* b */ ' */ , x -- y\nFROM t";
    PostgresLexer.Result result = PostgresLexer.scan(sql);
    assertThat(result.code()).hasSameSizeAs(sql);
    assertThat(result.code())
        .isEqualTo("SELECT 1 " + " ".repeat(17) + " , x " + " ".repeat(4) + "\nFROM t");
    assertThat(PostgresLexer.scan("SELECT 1 FROM t").code()).isEqualTo("SELECT 1 FROM t");
  }

  @Test
  void anUnclosedNestedCommentIsAnError() {
    assertThat(PostgresLexer.scan("SELECT 1 /* /* */ ; DROP TABLE t").error())
        .startsWith("unterminated /* comment");
  }

  @Test
  void semicolonsInsideAnyQuotingDoNotSplit() {
    assertThat(statements("SELECT 'a;b', \"c;d\", $$e;f$$, $tag$g;$$;h$tag$, E'i\\';j'"))
        .isEqualTo(1);
  }

  @Test
  void standardStringsTakeBackslashesLiterally() {
    // With standard_conforming_strings on, '\' is a whole string: what follows is code.
    assertThat(statements("SELECT '\\'; DROP TABLE t")).isEqualTo(2);
  }

  @Test
  void escapeStringsTakeBackslashEscapes() {
    assertThat(statements("SELECT E'\\'; DROP TABLE t'")).isEqualTo(1);
  }

  @Test
  void lineCommentsEndAtTheLineEnd() {
    assertThat(statements("SELECT 1 -- ; not a split\n; SELECT 2")).isEqualTo(2);
  }

  @Test
  void positionalParametersAreNotDollarQuotes() {
    PostgresLexer.Result result = PostgresLexer.scan("SELECT $1, $2 FROM t WHERE a = $1");
    assertThat(result.statements().get(0))
        .extracting(PostgresLexer.Token::kind)
        .contains(PostgresLexer.Kind.PARAMETER);
  }

  @Test
  void trailingSemicolonsAndCommentsMakeNoStatement() {
    assertThat(statements("SELECT 1; -- done\n ; /* end */")).isEqualTo(1);
  }

  @Test
  void unterminatedQuotesAreErrors() {
    assertThat(PostgresLexer.scan("SELECT 'abc").ok()).isFalse();
    assertThat(PostgresLexer.scan("SELECT \"abc").ok()).isFalse();
    assertThat(PostgresLexer.scan("SELECT $q$abc$Q$").ok()).isFalse();
  }

  @Test
  void unicodeEscapesAreRefused() {
    assertThat(PostgresLexer.scan("SELECT U&'\\0041'").error()).contains("U& escapes");
  }

  @Test
  void quotedIdentifiersAreUnquoted() {
    PostgresLexer.Token token =
        PostgresLexer.scan("SELECT \"pg_sleep\"(1)").statements().get(0).get(1);
    assertThat(token.kind()).isEqualTo(PostgresLexer.Kind.QUOTED_IDENTIFIER);
    assertThat(token.text()).isEqualTo("pg_sleep");
  }

  @Test
  void depthCountsParenthesesAndCase() {
    assertThat(PostgresLexer.scan("SELECT ((1))").maxDepth()).isEqualTo(2);
    assertThat(
            PostgresLexer.scan("SELECT CASE WHEN (CASE WHEN b THEN 1 END) = 1 THEN 2 END")
                .maxDepth())
        .isEqualTo(3);
  }
}
