package io.insightengine.api.v1alpha1.semantic;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.insightengine.api.v1alpha1.common.ApiConstants;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One column of a model. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class ColumnSpec {
  @Required
  @Size(min = 1, max = 63)
  @Pattern(ApiConstants.SQL_IDENTIFIER)
  @JsonPropertyDescription("Column name in the table.")
  private String name;

  @Size(max = 128)
  @JsonPropertyDescription("SQL data type, e.g. bigint, numeric(12,2), date, text.")
  private String type;

  @Size(max = 4096)
  @JsonPropertyDescription("What the column holds.")
  private String description;

  @Size(max = 50)
  @JsonPropertyDescription("Other words users say for this column.")
  private List<String> synonyms = new ArrayList<>();

  @JsonPropertyDescription(
      "Kind of personal data the column holds; such columns are masked for roles a DataPolicy"
          + " does not allow, and in logs.")
  private PiiClass pii;

  @Size(max = 500)
  @JsonPropertyDescription(
      "The complete set of values (e.g. order statuses), so questions can name them.")
  private List<String> values = new ArrayList<>();

  @Size(max = 500)
  @JsonPropertyDescription(
      "Other words users say for some of the column's values, keyed by the value as stored, e.g."
          + " {\"United States\": [USA, America]}. Matched without regard to case, so avoid"
          + " words that are also common English (us, it).")
  private Map<String, List<String>> valueSynonyms = new LinkedHashMap<>();

  @Size(max = 63)
  @JsonPropertyDescription(
      "Unit of the column's values, e.g. kg, EUR, days (dbt: meta.unit). A question may name it"
          + " (\"in kg\", \"in euros\"), and the column's name without a trailing unit names the"
          + " column too (list_price_eur: \"list price\"). Values are not converted: a"
          + " question in another unit is asked back.")
  private String unit;

  @JsonPropertyDescription(
      "True when no two rows share a value (dbt: a unique test). A unique text column that is not"
          + " the key, such as a serial or registration number, names the rows of a model that"
          + " has no name column when they are listed or ranked. Default: false.")
  private Boolean unique;

  public Boolean getUnique() {
    return unique;
  }

  public void setUnique(Boolean unique) {
    this.unique = unique;
  }

  public String getUnit() {
    return unit;
  }

  public void setUnit(String unit) {
    this.unit = unit;
  }

  public Map<String, List<String>> getValueSynonyms() {
    return valueSynonyms;
  }

  public void setValueSynonyms(Map<String, List<String>> valueSynonyms) {
    this.valueSynonyms = valueSynonyms;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getType() {
    return type;
  }

  public void setType(String type) {
    this.type = type;
  }

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  public List<String> getSynonyms() {
    return synonyms;
  }

  public void setSynonyms(List<String> synonyms) {
    this.synonyms = synonyms;
  }

  public PiiClass getPii() {
    return pii;
  }

  public void setPii(PiiClass pii) {
    this.pii = pii;
  }

  public List<String> getValues() {
    return values;
  }

  public void setValues(List<String> values) {
    this.values = values;
  }
}
