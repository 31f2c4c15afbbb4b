package io.insightengine.engine.security.pii;

import io.quarkus.logging.LoggingFilter;
import java.text.MessageFormat;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * Masks personal data in every log line before it is written (e-mails, SSNs, card numbers, phone
 * numbers, IBANs that appear in a question, a refused query or a database error). A filter is the
 * one place every handler passes through; it rewrites the record and always lets it through.
 */
@LoggingFilter(name = "pii-mask")
public final class PiiLogFilter implements Filter {
  private final PiiMasker masker = new PiiMasker();

  @Override
  public boolean isLoggable(LogRecord record) {
    String message = record.getMessage();
    if (message != null) {
      Object[] parameters = record.getParameters();
      if (parameters != null && parameters.length > 0 && message.contains("{0")) {
        try {
          message = MessageFormat.format(message, parameters);
          record.setParameters(null);
        } catch (IllegalArgumentException e) {
          // not a MessageFormat pattern: mask the pattern as it is
        }
      } else if (parameters != null && parameters.length > 0 && message.contains("%")) {
        try {
          message = String.format(message, parameters);
          record.setParameters(null);
        } catch (java.util.IllegalFormatException e) {
          // not a printf pattern: mask the pattern as it is
        }
      }
      record.setMessage(masker.mask(message));
    }
    return true;
  }
}
