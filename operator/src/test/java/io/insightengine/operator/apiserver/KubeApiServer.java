package io.insightengine.operator.apiserver;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubeapitest.KubeAPITestException;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One real kube-apiserver + etcd for the whole test run (fabric8 kube-api-test, offline mode: the
 * binaries come from {@code scripts/k8s-test-binaries.sh}, never from the internet), with the
 * project's generated CRDs installed and established. Started on first use, stopped when the test
 * JVM exits. There is no kubelet, scheduler or controller-manager: nothing runs Pods, no garbage
 * collector deletes dependents, and namespaces stay Terminating once deleted.
 */
public final class KubeApiServer {
  private static KubeApiServer instance;

  private final KubeAPIServer server;
  private final KubernetesClient client;
  private final Path kubeconfig;
  private final Path kubectl;
  private final String version;

  private KubeApiServer() {
    version = pinnedVersion();
    server =
        new KubeAPIServer(
            KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withOfflineMode(true)
                .withApiServerVersion(version)
                .withUpdateKubeConfig(false) // never touch the developer's ~/.kube/config
                .build());
    try {
      server.start();
    } catch (KubeAPITestException e) {
      throw new IllegalStateException(
          "cannot start kube-apiserver "
              + version
              + " ("
              + e.getMessage()
              + "); build the test binaries first: bash scripts/k8s-test-binaries.sh",
          e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "kube-apiserver-stop"));
    String yaml = server.getKubeConfigYaml();
    try {
      kubeconfig = Files.createTempFile("kube-api-test-", ".kubeconfig");
      kubeconfig.toFile().deleteOnExit();
      Files.writeString(kubeconfig, yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(yaml)).build();
    kubectl = binaries(version).resolve("kubectl");
    installCrds();
  }

  /** The server, started (and the CRDs installed) on first call. */
  public static synchronized KubeApiServer get() {
    if (instance == null) {
      instance = new KubeApiServer();
    }
    return instance;
  }

  public KubernetesClient client() {
    return client;
  }

  /** A kubeconfig file for the server, for kubectl and other processes. */
  public Path kubeconfig() {
    return kubeconfig;
  }

  /** The kubectl built alongside the server. */
  public Path kubectl() {
    return kubectl;
  }

  public String version() {
    return version;
  }

  /** The repository's root directory (set by Maven; the parent of the module when run by hand). */
  public static Path repoRoot() {
    String root = System.getProperty("insight.repo.root");
    return root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize();
  }

  /** The generated CRDs as committed, applied server-side and waited for until Established. */
  private void installCrds() {
    List<Path> files;
    try (Stream<Path> list = Files.list(repoRoot().resolve("crds/yaml"))) {
      files = list.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (files.isEmpty()) {
      throw new IllegalStateException("no CRD YAML in " + repoRoot().resolve("crds/yaml"));
    }
    for (Path file : files) {
      try (InputStream in = Files.newInputStream(file)) {
        CustomResourceDefinition crd =
            client.apiextensions().v1().customResourceDefinitions().load(in).item();
        client
            .resource(crd)
            .fieldManager("insight-engine-tests")
            .forceConflicts()
            .serverSideApply();
        client
            .apiextensions()
            .v1()
            .customResourceDefinitions()
            .withName(crd.getMetadata().getName())
            .waitUntilCondition(KubeApiServer::established, 30, TimeUnit.SECONDS);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static boolean established(CustomResourceDefinition crd) {
    return crd != null
        && crd.getStatus() != null
        && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> c.getType().equals("Established") && c.getStatus().equals("True"));
  }

  /** The Kubernetes version pinned in the build script: one place for it. */
  /** The Kubernetes version scripts/k8s-test-binaries.sh builds. */
  public static String pinnedVersion() {
    Path script = repoRoot().resolve("scripts/k8s-test-binaries.sh");
    try {
      Matcher m =
          Pattern.compile("(?m)^kubernetes_version=(\\S+)$").matcher(Files.readString(script));
      if (!m.find()) {
        throw new IllegalStateException("no kubernetes_version= line in " + script);
      }
      return m.group(1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Where scripts/k8s-test-binaries.sh installed the binaries of {@code version}. */
  public static Path binaries(String version) {
    String dir = System.getenv(KubeAPIServerConfigBuilder.KUBE_API_TEST_DIR);
    Path root =
        dir != null
            ? Path.of(dir)
            : Path.of(System.getProperty("user.home"), KubeAPIServerConfigBuilder.DIRECTORY_NAME);
    String arch = System.getProperty("os.arch");
    arch = arch.equals("aarch64") ? "arm64" : arch.equals("x86_64") ? "amd64" : arch;
    return root.resolve("k8s").resolve(version + "-linux-" + arch);
  }

  /** Runs the built kubectl against the server; returns exit code and combined output. */
  public Kubectl.Result kubectl(Duration timeout, String... args) {
    return Kubectl.run(this, timeout, args);
  }
}
