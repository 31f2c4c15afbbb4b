package io.insightengine.operator.apiserver;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

/**
 * Base of the tests that need the real API server: it is started once per test run (see {@link
 * KubeApiServer}) with the CRDs installed, and every test gets a fresh namespace of its own, so
 * tests never see each other's objects.
 */
public abstract class ApiServerTest {
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  protected static KubeApiServer apiServer;
  protected static KubernetesClient client;

  /** This test's namespace. */
  protected String namespace;

  @BeforeAll
  static void startApiServer() {
    apiServer = KubeApiServer.get();
    client = apiServer.client();
  }

  @BeforeEach
  void createNamespace(TestInfo test) {
    String method = test.getTestMethod().map(m -> m.getName()).orElse("test");
    String name =
        ("t" + SEQUENCE.incrementAndGet() + "-" + method)
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9-]", "-");
    namespace = name.length() > 63 ? name.substring(0, 63).replaceAll("-+$", "") : name;
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .create();
  }

  /** A resource of this test's namespace as the API server has it now; null when absent. */
  protected <T extends io.fabric8.kubernetes.api.model.HasMetadata> T find(
      Class<T> type, String name) {
    return client.resources(type).inNamespace(namespace).withName(name).get();
  }

  /**
   * Edits a resource in this test's namespace as a user would, retrying when the operator wrote
   * status in between (409 Conflict on the resource version).
   */
  protected <T extends io.fabric8.kubernetes.api.model.HasMetadata> T edit(
      Class<T> type, String name, java.util.function.UnaryOperator<T> change) {
    for (int attempt = 1; ; attempt++) {
      try {
        return client.resources(type).inNamespace(namespace).withName(name).edit(change);
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 10) {
          throw e;
        }
      }
    }
  }

  @AfterEach
  void deleteNamespace() throws Exception {
    EngineCompilesBundles.check(client, namespace);
    // Without a namespace controller the namespace only turns Terminating; its objects stay in
    // etcd until the server stops, out of the other tests' way.
    client.namespaces().withName(namespace).delete();
  }
}
