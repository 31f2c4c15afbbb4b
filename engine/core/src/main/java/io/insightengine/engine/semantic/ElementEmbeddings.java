package io.insightengine.engine.semantic;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * A project's embedding index of its semantic model's elements (metrics, measures, dimensions,
 * columns, models), for words of a question that name nothing exactly: {@link #nearest} proposes
 * the elements closest in meaning as lower-confidence candidates, to be offered back to the user
 * ("did you mean ...?"), never used silently.
 *
 * <p>Each element is embedded from what it says about itself: its name (underscores as spaces),
 * label, synonyms and description, each phrase on its own; an element's score for a phrase is the
 * best cosine similarity of the phrase to any of them (a long description would otherwise dilute a
 * one-word synonym). Scores below {@link #MIN_SCORE} are never returned.
 *
 * <p>The model, all-MiniLM-L6-v2 run in process on ONNX Runtime (no network, no service), is loaded
 * once per JVM on first use and shared by every project. A project's elements are embedded on its
 * first lookup, or ahead of it by {@link #prepareInBackground()}; lookups are thread-safe and their
 * results cached per project.
 */
public final class ElementEmbeddings {
  /**
   * The least cosine similarity a candidate needs. Measured with all-MiniLM-L6-v2 on the demo shop
   * and logistics models (111 and 155 elements): nonsense strings score at most 0.47 against the
   * best element and everyday words of no domain ("banana", "football") at most 0.49, while words
   * the models do not contain reach the right element at 0.50 to 0.91 (a word for money earned: a
   * revenue metric at 0.65; a word for customer: a customer model at 0.89). 0.5 sits between the
   * two; a larger model (more texts to be close to by chance) may want it a little higher.
   */
  public static final double MIN_SCORE = 0.5;

  /** Phrases whose results each project keeps. */
  static final int CACHE_SIZE = 1024;

  /** Candidates kept per cached phrase: no caller asks for more. */
  static final int MAX_CANDIDATES = 20;

  /**
   * An element proposed for a phrase: what it names, the text of it that came closest, and the
   * cosine similarity of the two (at least {@link #MIN_SCORE}, at most 1).
   */
  public record Candidate(Lexicon.Target target, String matched, double score) {}

  private static final Logger LOG = Logger.getLogger(ElementEmbeddings.class);

  private final List<SemanticLayer.Element> elements;
  private final Supplier<EmbeddingModel> model;
  private final PhraseCache cache = new PhraseCache(CACHE_SIZE);
  private volatile CompletableFuture<Index> index;

  /** One embedded text of an element: which element, the text, its unit vector. */
  private record Vector(int element, String text, float[] unit) {}

  private record Index(List<Vector> vectors) {}

  ElementEmbeddings(List<SemanticLayer.Element> elements) {
    this(elements, SharedModel::get);
  }

  ElementEmbeddings(List<SemanticLayer.Element> elements, Supplier<EmbeddingModel> model) {
    this.elements = List.copyOf(elements);
    this.model = model;
  }

  /** The index of a semantic layer (the same as {@link SemanticLayer#embeddings()}). */
  public static ElementEmbeddings of(SemanticLayer layer) {
    return layer.embeddings();
  }

  /**
   * The elements closest in meaning to a phrase, best first, at most {@code k}, each scoring at
   * least {@link #MIN_SCORE}; empty when none does, or when the embedding model cannot be loaded on
   * this platform. Embeds the project's elements first if that has not happened yet (blocking).
   */
  public List<Candidate> nearest(String phrase, int k) {
    if (k <= 0) {
      return List.of();
    }
    String key = normalize(phrase);
    if (key.isEmpty()) {
      return List.of();
    }
    List<Candidate> ranked = cache.get(key);
    if (ranked == null) {
      ranked = rank(key);
      if (ranked == null) {
        return List.of();
      }
      cache.put(key, ranked);
    }
    return ranked.size() <= k ? ranked : ranked.subList(0, k);
  }

  /**
   * Starts embedding the project's elements (and loading the model, if no project did yet) on a
   * background thread, so that the first {@link #nearest} does not wait for it. The future
   * completes when that is done (exceptionally when the model cannot be loaded); idempotent.
   */
  public CompletableFuture<Void> prepareInBackground() {
    return indexFuture(true).thenApply(i -> null);
  }

  /** Whether the elements are embedded, so that {@link #nearest} costs one phrase's embedding. */
  public boolean isReady() {
    CompletableFuture<Index> f = index;
    return f != null && f.isDone() && !f.isCompletedExceptionally();
  }

  /** How many elements the index holds. */
  public int size() {
    return elements.size();
  }

  /** The ranked candidates of a normalized phrase; null when it cannot be embedded now. */
  private List<Candidate> rank(String key) {
    Index idx;
    try {
      idx = indexFuture(false).join();
    } catch (RuntimeException e) {
      return List.of();
    }
    float[] query;
    try {
      query = unit(model.get().embed(key).content());
    } catch (RuntimeException e) {
      LOG.warnf("cannot embed a phrase: %s", e.toString());
      return null;
    }
    double[] best = new double[elements.size()];
    String[] matched = new String[elements.size()];
    Arrays.fill(best, -1);
    for (Vector v : idx.vectors()) {
      double score = dot(query, v.unit());
      if (score > best[v.element()]) {
        best[v.element()] = score;
        matched[v.element()] = v.text();
      }
    }
    List<Candidate> candidates = new ArrayList<>();
    for (int i = 0; i < best.length; i++) {
      if (best[i] >= MIN_SCORE) {
        candidates.add(new Candidate(elements.get(i).target(), matched[i], Math.min(1.0, best[i])));
      }
    }
    candidates.sort(Comparator.comparingDouble(Candidate::score).reversed());
    return List.copyOf(
        candidates.size() > MAX_CANDIDATES ? candidates.subList(0, MAX_CANDIDATES) : candidates);
  }

  private CompletableFuture<Index> indexFuture(boolean background) {
    CompletableFuture<Index> f = index;
    if (f != null) {
      return f;
    }
    CompletableFuture<Index> mine;
    synchronized (this) {
      if (index != null) {
        return index;
      }
      mine = new CompletableFuture<>();
      index = mine;
    }
    if (background) {
      try {
        SharedModel.INDEXER.execute(() -> build(mine));
      } catch (java.util.concurrent.RejectedExecutionException e) {
        mine.completeExceptionally(e); // the JVM is exiting: nothing to offer
      }
    } else {
      build(mine);
    }
    return mine;
  }

  private void build(CompletableFuture<Index> target) {
    try {
      List<String> texts = new ArrayList<>();
      List<Integer> owners = new ArrayList<>();
      for (int i = 0; i < elements.size(); i++) {
        for (String text : textsOf(elements.get(i))) {
          texts.add(text);
          owners.add(i);
        }
      }
      List<Vector> vectors = new ArrayList<>(texts.size());
      if (!texts.isEmpty()) {
        List<Embedding> embedded =
            model.get().embedAll(texts.stream().map(TextSegment::from).toList()).content();
        for (int i = 0; i < texts.size(); i++) {
          vectors.add(new Vector(owners.get(i), texts.get(i), unit(embedded.get(i))));
        }
      }
      target.complete(new Index(List.copyOf(vectors)));
    } catch (RuntimeException | Error e) {
      LOG.warnf("cannot embed the semantic model's elements: %s", e.toString());
      target.completeExceptionally(e);
    }
  }

  /** The distinct texts an element is embedded from: name, label, synonyms, description. */
  static List<String> textsOf(SemanticLayer.Element element) {
    List<String> texts = new ArrayList<>();
    addText(texts, element.name());
    addText(texts, element.label());
    element.synonyms().forEach(s -> addText(texts, s));
    addText(texts, element.description());
    return texts;
  }

  private static void addText(List<String> texts, String text) {
    if (text == null) {
      return;
    }
    String normalized = normalize(text);
    if (!normalized.isEmpty() && !texts.contains(normalized)) {
      texts.add(normalized);
    }
  }

  /** Lower case, underscores as spaces, runs of white space as one. */
  static String normalize(String text) {
    return text.replace('_', ' ').trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  private static float[] unit(Embedding embedding) {
    float[] v = embedding.vector();
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    float[] u = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      u[i] = norm == 0 ? 0 : (float) (v[i] / norm);
    }
    return u;
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  /**
   * A small LRU map of phrase to ranked candidates. Hand-written because the engine has no cache
   * library on its class path (Caffeine would be a new dependency for one bounded map), and a
   * synchronized access-ordered {@link LinkedHashMap} is enough: a lookup holds the lock only for
   * the map operation, never while embedding.
   */
  static final class PhraseCache {
    private final Map<String, List<Candidate>> map;

    PhraseCache(int capacity) {
      this.map =
          new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, List<Candidate>> eldest) {
              return size() > capacity;
            }
          };
    }

    synchronized List<Candidate> get(String key) {
      return map.get(key);
    }

    synchronized void put(String key, List<Candidate> value) {
      map.put(key, value);
    }

    synchronized int size() {
      return map.size();
    }
  }

  /**
   * Waits (at most {@code timeout}) until the background indexing queued so far, a first load of
   * the model included, has finished; false when it has not. For a JVM about to exit on purpose (a
   * test run): ONNX Runtime closes its environment in a shutdown hook of its own, which runs beside
   * {@link SharedModel#drain} and crashes a session still being created.
   */
  public static boolean awaitBackgroundWork(java.time.Duration timeout) {
    try {
      SharedModel.INDEXER.submit(() -> {}).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (java.util.concurrent.RejectedExecutionException e) {
      return true; // already drained
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  int cachedPhrases() {
    return cache.size();
  }

  /**
   * The embedding model, loaded once per JVM on first use (it holds about 90 MB of weights and an
   * ONNX Runtime session, which is thread-safe). A failure to load it is remembered, logged once
   * and rethrown to every caller, so that lookups answer nothing rather than retry the load each
   * time.
   */
  static final class SharedModel {
    private static final AtomicInteger THREADS = new AtomicInteger();

    /**
     * One daemon thread that indexes projects in the background, one after the other; apart from
     * the model's own threads, which it waits for (sharing them could leave none to do the work).
     */
    static final ExecutorService INDEXER = executor("element-embeddings-index", 1);

    /** Daemon threads on which the model embeds a project's texts in parallel. */
    private static final ExecutorService EMBEDDERS =
        executor("element-embeddings", Math.max(1, Runtime.getRuntime().availableProcessors()));

    private static volatile EmbeddingModel model;
    private static volatile RuntimeException failure;

    static {
      // The JVM kills daemon threads wherever they are when it exits: one inside ONNX Runtime
      // (loading the session, embedding) then crashes the process in native code, which a test
      // runner reports as a failed build. Exit waits for the native call in flight instead.
      Runtime.getRuntime()
          .addShutdownHook(new Thread(SharedModel::drain, "element-embeddings-drain"));
    }

    private SharedModel() {}

    /** Stops taking work and waits (at most 20 s) for the work in flight to leave native code. */
    static void drain() {
      INDEXER.shutdownNow();
      EMBEDDERS.shutdownNow();
      try {
        INDEXER.awaitTermination(20, TimeUnit.SECONDS);
        EMBEDDERS.awaitTermination(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    static EmbeddingModel get() {
      EmbeddingModel m = model;
      if (m != null) {
        return m;
      }
      synchronized (SharedModel.class) {
        if (model != null) {
          return model;
        }
        if (failure != null) {
          throw failure;
        }
        try {
          // DJL's tokenizer otherwise asks the EC2 metadata address and a telemetry endpoint on
          // every new tokenizer; the engine must not make network calls of its own.
          setIfAbsent("ai.djl.offline", "true");
          setIfAbsent("OPT_OUT_TRACKING", "true");
          long start = System.nanoTime();
          model = new MiniLm(EMBEDDERS);
          LOG.infof(
              "embedding model all-MiniLM-L6-v2 loaded in %d ms",
              (System.nanoTime() - start) / 1_000_000);
          return model;
        } catch (Exception | LinkageError e) {
          failure = new IllegalStateException("the embedding model cannot be loaded: " + e, e);
          LOG.warn(failure.getMessage());
          throw failure;
        }
      }
    }

    /**
     * all-MiniLM-L6-v2 as langchain4j ships it (weights, tokenizer, mean pooling), on an ONNX
     * Runtime session that runs each embedding on its calling thread without spinning. {@link
     * AllMiniLmL6V2EmbeddingModel} opens its session with ONNX Runtime's defaults: a pool of
     * spinning threads per run, which on 2 shared cores cost twice the CPU per phrase (15 ms
     * against 6.6 ms of CPU, measured under load) and no less wall time. A project's texts are
     * still embedded in parallel, one per {@code executor} thread.
     */
    static final class MiniLm extends AbstractInProcessEmbeddingModel {
      private final OnnxBertBiEncoder encoder;

      MiniLm(Executor executor) throws OrtException, IOException {
        super(executor);
        // The class literal does not initialise the class (which would load its own session).
        ClassLoader jar = AllMiniLmL6V2EmbeddingModel.class.getClassLoader();
        byte[] weights;
        try (InputStream in = resource(jar, "all-minilm-l6-v2.onnx")) {
          weights = in.readAllBytes();
        }
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        OrtSession session;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
          options.setIntraOpNumThreads(1);
          options.setInterOpNumThreads(1);
          options.addConfigEntry("session.intra_op.allow_spinning", "0");
          session = environment.createSession(weights, options);
        }
        try (InputStream tokenizer = resource(jar, "all-minilm-l6-v2-tokenizer.json")) {
          encoder = new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN);
        }
      }

      private static InputStream resource(ClassLoader loader, String name) throws IOException {
        InputStream in = loader.getResourceAsStream(name);
        if (in == null) {
          throw new IOException("no " + name + " on the class path");
        }
        return in;
      }

      @Override
      protected OnnxBertBiEncoder model() {
        return encoder;
      }

      @Override
      protected Integer knownDimension() {
        return 384;
      }
    }

    private static void setIfAbsent(String property, String value) {
      if (System.getProperty(property) == null) {
        System.setProperty(property, value);
      }
    }

    private static ExecutorService executor(String name, int threads) {
      ThreadPoolExecutor pool =
          new ThreadPoolExecutor(
              threads,
              threads,
              30,
              TimeUnit.SECONDS,
              new LinkedBlockingQueue<>(),
              r -> {
                Thread t = new Thread(r, name + "-" + THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
      pool.allowCoreThreadTimeOut(true);
      return pool;
    }
  }
}
