package io.insightengine.api.v1alpha1.common;

/** Names and patterns shared by every custom resource of the {@code insight-engine.io} group. */
public final class ApiConstants {
  public static final String GROUP = "insight-engine.io";
  public static final String VERSION = "v1alpha1";
  public static final String API_VERSION = GROUP + "/" + VERSION;
  public static final String CATEGORY = "insight";

  /** A DNS-1123 label: what Kubernetes accepts as the name of most objects. */
  public static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

  /** A DNS-1123 subdomain: what Kubernetes accepts as the name of a Secret or ConfigMap. */
  public static final String DNS_SUBDOMAIN =
      "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

  /** An unquoted SQL identifier (model, column, measure, metric names). */
  public static final String SQL_IDENTIFIER = "^[A-Za-z_][A-Za-z0-9_]*$";

  /** A table name, optionally qualified by schema and database: {@code marts.fct_orders}. */
  public static final String TABLE_NAME =
      "^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*){0,2}$";

  /** A Go-style duration as Kubernetes writes them: {@code 30s}, {@code 5m}, {@code 1h30m}. */
  public static final String DURATION = "^([0-9]+(ms|s|m|h))+$";

  /**
   * A size in bytes as Kubernetes writes quantities: 512Ki, 10Mi, 1Gi, 500k, 20M or plain bytes.
   */
  public static final String BYTE_SIZE = "^[0-9]+(Ki|Mi|Gi|k|M|G)?$";

  private ApiConstants() {}
}
