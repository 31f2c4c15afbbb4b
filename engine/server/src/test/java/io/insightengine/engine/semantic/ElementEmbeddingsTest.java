package io.insightengine.engine.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.output.Response;
import io.insightengine.api.dbt.DbtProjectFilesReader;
import io.insightengine.api.dbt.SemanticCompiler;
import io.insightengine.engine.bundle.ConfigBundleCompiler;
import io.insightengine.engine.semantic.ElementEmbeddings.Candidate;
import io.insightengine.engine.semantic.Lexicon.DimensionRef;
import io.insightengine.engine.semantic.Lexicon.MetricRef;
import io.insightengine.engine.semantic.Lexicon.ModelRef;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Nearest elements of the demo shop's and the logistics suite's semantic models. */
class ElementEmbeddingsTest {
  private static SemanticLayer shop;
  private static SemanticLayer logistics;

  @BeforeAll
  static void load() throws Exception {
    shop = shop();
    logistics = logistics();
  }

  /** The demo shop as the engine serves it: the dbt-compiled model with the hand-written one. */
  static SemanticLayer shop() throws Exception {
    return new ConfigBundleCompiler()
        .compile(Path.of("../../examples/quickstart"))
        .defaultProject()
        .orElseThrow()
        .semantics();
  }

  /** The logistics suite's marts, compiled from its dbt project's files. */
  static SemanticLayer logistics() throws Exception {
    return new SemanticLayer(
        new SemanticCompiler()
            .compile(
                new DbtProjectFilesReader().read(Path.of("../../dbt/eval/logistics")),
                List.of("path:models/marts"))
            .spec());
  }

  private static List<Lexicon.Target> targets(List<Candidate> candidates) {
    return candidates.stream().map(Candidate::target).toList();
  }

  @Test
  void aWordForMoneyEarnedReachesTheRevenueMetric() {
    assertThat(targets(shop.embeddings().nearest("earnings", 3)))
        .as("'earnings' is no name or synonym of the demo model")
        .contains(new MetricRef("revenue"));
    assertThat(shop.lexicon().lookup("earnings")).isEmpty();
    assertThat(targets(shop.embeddings().nearest("turnover", 3)))
        .contains(new MetricRef("revenue"));
  }

  @Test
  void aWordForCustomerReachesTheCustomersModel() {
    assertThat(shop.embeddings().nearest("client", 3).get(0).target())
        .isEqualTo(new ModelRef("customers"));
    assertThat(targets(shop.embeddings().nearest("consumers", 3)))
        .contains(new ModelRef("customers"));
  }

  @Test
  void wordsOfAnotherDomainReachItsElements() {
    assertThat(logistics.embeddings().nearest("courier", 1).get(0).target())
        .isEqualTo(new ModelRef("drivers"));
    assertThat(logistics.embeddings().nearest("consignment", 1).get(0).target())
        .isEqualTo(new ModelRef("parcels"));
    assertThat(targets(logistics.embeddings().nearest("unpaid", 3)))
        .contains(new MetricRef("outstanding_receivables"));
  }

  @Test
  void nonsenseReachesNothing() {
    for (String word : List.of("xqzvb", "blorft", "asdfgh", "zzzz", "lorem ipsum", "qwerty")) {
      assertThat(shop.embeddings().nearest(word, 5)).as(word + " (shop)").isEmpty();
      assertThat(logistics.embeddings().nearest(word, 5)).as(word + " (logistics)").isEmpty();
    }
  }

  @Test
  void candidatesAreBestFirstAboveTheMinimumAndAtMostK() {
    List<Candidate> candidates = shop.embeddings().nearest("price", 5);
    assertThat(candidates).hasSizeBetween(1, 5);
    assertThat(candidates)
        .allSatisfy(c -> assertThat(c.score()).isBetween(ElementEmbeddings.MIN_SCORE, 1.0));
    for (int i = 1; i < candidates.size(); i++) {
      assertThat(candidates.get(i).score()).isLessThanOrEqualTo(candidates.get(i - 1).score());
    }
    assertThat(shop.embeddings().nearest("price", 1)).containsExactly(candidates.get(0));
    assertThat(shop.embeddings().nearest("price", 0)).isEmpty();
    assertThat(shop.embeddings().nearest("  ", 3)).isEmpty();
  }

  @Test
  void theMatchedTextSaysWhyAnElementWasProposed() {
    Candidate top = shop.embeddings().nearest("client", 1).get(0);
    assertThat(top.matched()).isEqualTo("clients");
    assertThat(top.score()).isGreaterThan(0.8);
  }

  @Test
  void aPhraseIsEmbeddedOnceThenServedFromTheCache() {
    CountingModel model = new CountingModel();
    ElementEmbeddings index = new ElementEmbeddings(shop.elements(), () -> model);
    List<Candidate> first = index.nearest("earnings", 3);
    int elementTexts = model.texts.get();
    assertThat(model.calls.get()).as("the elements, then the phrase").isEqualTo(2);
    assertThat(index.nearest("earnings", 3)).isEqualTo(first);
    assertThat(index.nearest("  Earnings ", 3))
        .as("case and spaces do not matter")
        .isEqualTo(first);
    assertThat(index.nearest("earnings", 1)).containsExactly(first.get(0));
    assertThat(model.calls.get()).isEqualTo(2);
    assertThat(model.texts.get()).isEqualTo(elementTexts);
    assertThat(index.cachedPhrases()).isEqualTo(1);
  }

  @Test
  void theCacheIsBounded() {
    ElementEmbeddings.PhraseCache cache = new ElementEmbeddings.PhraseCache(2);
    cache.put("a", List.of());
    cache.put("b", List.of());
    cache.get("a");
    cache.put("c", List.of());
    assertThat(cache.size()).isEqualTo(2);
    assertThat(cache.get("b")).as("the least recently used goes").isNull();
    assertThat(cache.get("a")).isNotNull();
  }

  @Test
  void concurrentLookupsEmbedTheElementsOnceAndAgree() throws Exception {
    List<String> phrases =
        List.of("earnings", "client", "price", "complaint", "merchandise", "xqzvb", "nation");
    List<List<Candidate>> expected =
        phrases.stream().map(p -> shop.embeddings().nearest(p, 3)).toList();
    CountingModel model = new CountingModel();
    ElementEmbeddings index = new ElementEmbeddings(shop.elements(), () -> model);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Boolean>> tasks = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int offset = t;
        tasks.add(
            () -> {
              for (int i = 0; i < 3 * phrases.size(); i++) {
                int p = (i + offset) % phrases.size();
                if (!index.nearest(phrases.get(p), 3).equals(expected.get(p))) {
                  return false;
                }
              }
              return true;
            });
      }
      for (Future<Boolean> result : pool.invokeAll(tasks, 5, TimeUnit.MINUTES)) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(model.elementBatches.get()).as("the elements are embedded once").isEqualTo(1);
    assertThat(index.cachedPhrases()).isEqualTo(phrases.size());
  }

  @Test
  void theElementsCanBeEmbeddedInTheBackground() throws Exception {
    ElementEmbeddings index = new ElementEmbeddings(logistics.elements());
    assertThat(index.isReady()).isFalse();
    index.prepareInBackground().get(5, TimeUnit.MINUTES);
    assertThat(index.isReady()).isTrue();
    assertThat(index.prepareInBackground().isDone()).isTrue();
    assertThat(index.nearest("courier", 1)).isNotEmpty();
  }

  @Test
  void withoutAModelLookupsAnswerNothing() {
    ElementEmbeddings index =
        new ElementEmbeddings(
            shop.elements(),
            () -> {
              throw new IllegalStateException("no native library for this platform");
            });
    assertThat(index.nearest("earnings", 3)).isEmpty();
    assertThat(index.isReady()).isFalse();
  }

  @Test
  void theSharedModelEmbedsAsLangchain4jsOwnDoes() {
    EmbeddingModel reference = new AllMiniLmL6V2EmbeddingModel();
    for (String text : List.of("earnings", "one row per registered customer")) {
      float[] ours = ElementEmbeddings.SharedModel.get().embed(text).content().vector();
      float[] theirs = reference.embed(text).content().vector();
      assertThat(ours).hasSize(384);
      double dot = 0;
      for (int i = 0; i < ours.length; i++) {
        dot += ours[i] * theirs[i];
      }
      assertThat(dot).as(text).isGreaterThan(0.9999);
    }
  }

  @Test
  void theModelNeverCallsHome() {
    ElementEmbeddings.SharedModel.get();
    assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
    assertThat(System.getProperty("OPT_OUT_TRACKING")).isEqualTo("true");
  }

  @Test
  void anElementIsEmbeddedFromEachOfItsTextsOnce() {
    SemanticLayer.Element country =
        shop.elements().stream()
            .filter(e -> e.target().equals(new DimensionRef("customers", "country")))
            .findFirst()
            .orElseThrow();
    assertThat(ElementEmbeddings.textsOf(country))
        .containsExactly("country", "nation", "country of the shipping address.");
    assertThat(
            ElementEmbeddings.textsOf(
                new SemanticLayer.Element(
                    new MetricRef("m"), "net_sales", "Net  Sales", List.of("net sales"), null)))
        .as("lower case, underscores as spaces, duplicates once")
        .containsExactly("net sales");
  }

  /** The shared model, counting what it is asked to embed. */
  private static final class CountingModel implements EmbeddingModel {
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger texts = new AtomicInteger();
    final AtomicInteger elementBatches = new AtomicInteger();

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
      calls.incrementAndGet();
      texts.addAndGet(segments.size());
      if (segments.size() > 1) {
        elementBatches.incrementAndGet();
      }
      return ElementEmbeddings.SharedModel.get().embedAll(segments);
    }
  }
}
