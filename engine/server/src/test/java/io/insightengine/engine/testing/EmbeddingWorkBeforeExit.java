package io.insightengine.engine.testing;

import io.insightengine.engine.semantic.ElementEmbeddings;
import java.time.Duration;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Lets the embedding model's background work finish before the test JVM exits. An engine started by
 * the last test may still be loading the model (1–4 s) when the run ends; ONNX Runtime's own
 * shutdown hook then closes its environment under the session being created, the JVM dies with
 * SIGSEGV, and surefire reports a failed build although every test passed.
 */
public final class EmbeddingWorkBeforeExit implements LauncherSessionListener {
  @Override
  public void launcherSessionClosed(LauncherSession session) {
    if (!ElementEmbeddings.awaitBackgroundWork(Duration.ofSeconds(60))) {
      System.err.println("the embedding model's background work did not finish within 60 s");
    }
  }
}
