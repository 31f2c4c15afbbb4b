package io.insightengine.engine.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import io.insightengine.engine.bundle.ConfigBundleCompiler;
import io.insightengine.engine.semantic.Lexicon.ColumnRef;
import io.insightengine.engine.semantic.Lexicon.DimensionRef;
import io.insightengine.engine.semantic.Lexicon.MeasureRef;
import io.insightengine.engine.semantic.Lexicon.MetricRef;
import io.insightengine.engine.semantic.Lexicon.ModelRef;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the demo shop's elements say about themselves. */
class SemanticLayerElementsTest {
  @Test
  void everyElementIsDescribedOnceAColumnByTheDimensionNamedAfterIt() throws Exception {
    SemanticLayer shop =
        new ConfigBundleCompiler()
            .compile(Path.of("../../examples/quickstart"))
            .defaultProject()
            .orElseThrow()
            .semantics();
    List<SemanticLayer.Element> elements = shop.elements();
    assertThat(elements).extracting(SemanticLayer.Element::target).doesNotHaveDuplicates();
    assertThat(elements)
        .extracting(SemanticLayer.Element::target)
        .contains(
            new MetricRef("revenue"),
            new MeasureRef("customer_count"),
            new ModelRef("customers"),
            new DimensionRef("customers", "country"),
            new ColumnRef("customers", "email"))
        .doesNotContain(new ColumnRef("customers", "country"));
    SemanticLayer.Element country = element(elements, new DimensionRef("customers", "country"));
    assertThat(country.synonyms()).as("the column's synonyms").contains("nation");
    assertThat(country.description()).isEqualTo("Country of the shipping address.");
    SemanticLayer.Element revenue = element(elements, new MetricRef("revenue"));
    assertThat(revenue.label()).isEqualTo("Revenue");
    assertThat(revenue.synonyms()).contains("turnover");
    assertThat(element(elements, new ModelRef("customers")).synonyms()).contains("clients");
    assertThat(element(elements, new MeasureRef("customer_count")).description())
        .isEqualTo("Number of distinct customers.");
  }

  private static SemanticLayer.Element element(
      List<SemanticLayer.Element> elements, Lexicon.Target target) {
    return elements.stream().filter(e -> e.target().equals(target)).findFirst().orElseThrow();
  }
}
