package io.insightengine.engine.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.insightengine.engine.bundle.ConfigBundleCompiler;
import io.insightengine.engine.interpret.QuestionInterpreter;
import io.insightengine.engine.interpret.TimeExpressions;
import io.insightengine.engine.semantic.SemanticLayer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The semantic query's JSON Schema, generated from the Java types, is the committed {@code
 * docs/semantic-query.schema.json} (regenerate with {@code -Dschema.update=true}); queries the
 * interpreter builds validate against it and read back equal.
 */
class SemanticQuerySchemaTest {
  private static final Path COMMITTED = Path.of("../../docs/semantic-query.schema.json");
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  static JsonNode generate() {
    SchemaGeneratorConfigBuilder config =
        new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
            .with(new JacksonModule(JacksonOption.RESPECT_JSONPROPERTY_REQUIRED))
            .with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT);
    config
        .forTypesInGeneral()
        .withStringFormatResolver(
            scope -> scope.getType().isInstanceOf(java.time.LocalDate.class) ? "date" : null);
    config
        .forTypesInGeneral()
        .withAdditionalPropertiesResolver(scope -> null)
        .withDescriptionResolver(
            scope ->
                scope.getType().getErasedType() == SemanticQuery.class
                    ? "What a question asks, in the semantic model's own terms (Vanna Insight"
                        + " Engine). See docs/semantic-query.md."
                    : null);
    return new SchemaGenerator(config.build()).generateSchema(SemanticQuery.class);
  }

  @Test
  void theCommittedSchemaIsTheGeneratedOne() throws Exception {
    String generated = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(generate()) + "\n";
    if (Boolean.getBoolean("schema.update")) {
      Files.writeString(COMMITTED, generated);
    }
    assertThat(Files.readString(COMMITTED))
        .as("docs/semantic-query.schema.json is stale: run with -Dschema.update=true")
        .isEqualTo(generated);
  }

  @Test
  void interpretedQueriesValidateAndReadBackEqual() throws Exception {
    SemanticLayer layer =
        new ConfigBundleCompiler()
            .compile(Path.of("../../examples/quickstart"))
            .defaultProject()
            .orElseThrow()
            .semantics();
    QuestionInterpreter interpreter =
        new QuestionInterpreter(
            new TimeExpressions(
                Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC)));
    var schema =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(generate());
    int checked = 0;
    for (String question :
        new String[] {
          "top 5 countries by revenue in 2025",
          "How many orders had a net amount over 500 in 2025?",
          "revenue by month this year in EMEA",
          "What was the highest net amount of an order in 2025?",
          "How many churned customers do we have?",
          "Which countries had revenue above 100000 in 2025?"
        }) {
      SemanticQuery query = interpreter.interpret(question, layer).query();
      assertThat(query).as(question).isNotNull();
      JsonNode json = JSON.valueToTree(query);
      assertThat(schema.validate(json)).as(question + " " + json).isEmpty();
      assertThat(JSON.treeToValue(json, SemanticQuery.class)).as(question).isEqualTo(query);
      checked++;
    }
    assertThat(checked).isEqualTo(6);
    JsonNode invented =
        JSON.readTree("{\"select\":[{\"kind\":\"sql\",\"text\":\"drop table x\"}]}");
    assertThat(schema.validate(invented)).as("no variant carries SQL").isNotEmpty();
  }
}
