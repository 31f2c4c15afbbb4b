package io.insightengine.api.v1alpha1.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.insightengine.api.v1alpha1.common.ApiConstants;
import io.insightengine.api.v1alpha1.common.SecretKeyReference;

/** Authentication of API callers. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AuthSpec {
  @JsonPropertyDescription(
      "Secret key holding the PEM private key that signs the engine's own access and refresh"
          + " tokens. Without it the engine generates a key at start-up (tokens do not survive a"
          + " restart; development only).")
  private SecretKeyReference jwtKeySecret;

  @Pattern(ApiConstants.DURATION)
  @Default("15m")
  @JsonPropertyDescription("Lifetime of an access token, as a duration such as 15m. Default: 15m.")
  private String accessTokenLifetime;

  @Pattern(ApiConstants.DURATION)
  @Default("168h")
  @JsonPropertyDescription(
      "Lifetime of a refresh token (rotated on every use), such as 168h. Default: 168h.")
  private String refreshTokenLifetime;

  @JsonPropertyDescription(
      "An external OpenID Connect issuer whose tokens are accepted besides the engine's own.")
  private OidcSpec oidc;

  /** An external OIDC identity provider. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class OidcSpec {
    @io.fabric8.generator.annotation.Required
    @Size(max = 2048)
    @Pattern("^https://.+")
    @JsonPropertyDescription("Issuer URL (https); its discovery document gives the signing keys.")
    private String issuerUrl;

    @Size(max = 253)
    @JsonPropertyDescription("Expected audience (aud claim) of accepted tokens.")
    private String audience;

    @Size(max = 253)
    @Default("groups")
    @JsonPropertyDescription(
        "Claim that lists the caller's groups, matched by Project members. Default: groups.")
    private String groupsClaim;

    public String getIssuerUrl() {
      return issuerUrl;
    }

    public void setIssuerUrl(String issuerUrl) {
      this.issuerUrl = issuerUrl;
    }

    public String getAudience() {
      return audience;
    }

    public void setAudience(String audience) {
      this.audience = audience;
    }

    public String getGroupsClaim() {
      return groupsClaim;
    }

    public void setGroupsClaim(String groupsClaim) {
      this.groupsClaim = groupsClaim;
    }
  }

  public SecretKeyReference getJwtKeySecret() {
    return jwtKeySecret;
  }

  public void setJwtKeySecret(SecretKeyReference jwtKeySecret) {
    this.jwtKeySecret = jwtKeySecret;
  }

  public String getAccessTokenLifetime() {
    return accessTokenLifetime;
  }

  public void setAccessTokenLifetime(String accessTokenLifetime) {
    this.accessTokenLifetime = accessTokenLifetime;
  }

  public String getRefreshTokenLifetime() {
    return refreshTokenLifetime;
  }

  public void setRefreshTokenLifetime(String refreshTokenLifetime) {
    this.refreshTokenLifetime = refreshTokenLifetime;
  }

  public OidcSpec getOidc() {
    return oidc;
  }

  public void setOidc(OidcSpec oidc) {
    this.oidc = oidc;
  }
}
