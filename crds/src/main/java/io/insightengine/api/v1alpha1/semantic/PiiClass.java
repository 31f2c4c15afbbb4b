package io.insightengine.api.v1alpha1.semantic;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Kinds of personal data a column may hold. */
public enum PiiClass {
  @JsonProperty("none")
  NONE,
  @JsonProperty("name")
  NAME,
  @JsonProperty("email")
  EMAIL,
  @JsonProperty("phone")
  PHONE,
  @JsonProperty("address")
  ADDRESS,
  @JsonProperty("dateOfBirth")
  DATE_OF_BIRTH,
  @JsonProperty("nationalId")
  NATIONAL_ID,
  @JsonProperty("creditCard")
  CREDIT_CARD,
  @JsonProperty("iban")
  IBAN,
  @JsonProperty("ipAddress")
  IP_ADDRESS,
  @JsonProperty("other")
  OTHER
}
