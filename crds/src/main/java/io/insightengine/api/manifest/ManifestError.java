package io.insightengine.api.manifest;

/**
 * One thing wrong with a manifest: the file, the document in it (from 1), the object when known,
 * the field path and what is wrong, e.g. {@code examples/x.yaml, document 2 (Project shop):
 * spec.engineRef: Required value}.
 */
public record ManifestError(
    String source, int document, String kind, String name, String field, String detail) {

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(source);
    if (document > 0) {
      s.append(", document ").append(document);
    }
    if (kind != null) {
      s.append(" (").append(kind).append(name == null ? "" : " " + name).append(')');
    }
    s.append(": ");
    if (field != null && !field.isEmpty()) {
      s.append(field).append(": ");
    }
    return s.append(detail).toString();
  }
}
