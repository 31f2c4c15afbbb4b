package io.insightengine.engine.security.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class PiiLogFilterTest {
  private final PiiLogFilter filter = new PiiLogFilter();

  @Test
  void masksPersonalDataInPlainAndFormattedMessages() {
    LogRecord plain =
        new LogRecord(Level.INFO, "question from jane.doe@example.com about 123-45-6789");
    assertThat(filter.isLoggable(plain)).isTrue();
    assertThat(plain.getMessage()).isEqualTo("question from j***@example.com about ***-**-6789");

    LogRecord printf = new LogRecord(Level.WARNING, "refused %s for %s");
    printf.setParameters(new Object[] {"card 4111 1111 1111 1111", "anonymous"});
    assertThat(filter.isLoggable(printf)).isTrue();
    assertThat(printf.getMessage()).isEqualTo("refused card **** **** **** 1111 for anonymous");
    assertThat(printf.getParameters()).isNull();
  }
}
