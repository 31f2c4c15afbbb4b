package io.insightengine.operator.node;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.insightengine.operator.apiserver.KubeApiServer;
import io.insightengine.operator.apiserver.Kubectl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A single-node Kubernetes cluster of real parts, all on this machine (docs/real-node.md): its own
 * kube-apiserver and etcd (kube-api-test, with a serving certificate valid for the cluster's
 * Service IP), kube-controller-manager, kube-scheduler, a kubelet with containerd and runc from
 * Debian's packages, kube-proxy (iptables), CoreDNS, and pods on a CNI bridge whose addresses this
 * machine reaches directly. Images come from the local registry of scripts/image-tools.sh. Needs
 * root; the binaries come from scripts/k8s-test-binaries.sh.
 */
public final class RealNode implements AutoCloseable {
  public static final String NODE_NAME = "node-1";
  private static final String BRIDGE = "ie0";

  /** The pods' gateway: this machine, as pods reach it. */
  public static final String BRIDGE_ADDRESS = "10.88.0.1";

  public static final String POD_CIDR = "10.88.0.0/16";
  private static final String SERVICE_IP = "10.0.0.1";

  private final Path dir;
  private final KubeAPIServer apiServer;
  private final Path kubeconfig;
  private final KubernetesClient client;
  private final List<Process> processes = new ArrayList<>();

  private RealNode(Path dir, KubeAPIServer apiServer, Path kubeconfig) {
    this.dir = dir;
    this.apiServer = apiServer;
    this.kubeconfig = kubeconfig;
    String yaml;
    try {
      yaml = Files.readString(kubeconfig);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(yaml)).build();
  }

  public KubernetesClient client() {
    return client;
  }

  public Path kubeconfig() {
    return kubeconfig;
  }

  /** Where the components' logs are. */
  public Path logs() {
    return dir;
  }

  /** Starts every part and waits until the node is Ready. */
  public static RealNode start(String registry) throws IOException, InterruptedException {
    String version = KubeApiServer.pinnedVersion();
    Path binaries = KubeApiServer.binaries(version);
    Path dir = Files.createTempDirectory("real-node-");

    // kube-api-test generates certificates only where none exist: these name the cluster's Service
    // IP too, as a pod's in-cluster client connects to it.
    Path testDir = Files.createDirectories(dir.resolve("kubeapitest"));
    Files.createSymbolicLink(testDir.resolve("k8s"), binaries.getParent());
    selfSigned(
        testDir,
        "apiserver",
        "/CN=kube-apiserver",
        "subjectAltName=IP:127.0.0.1,IP:"
            + SERVICE_IP
            + ",DNS:localhost,DNS:kubernetes,"
            + "DNS:kubernetes.default,DNS:kubernetes.default.svc,"
            + "DNS:kubernetes.default.svc.cluster.local");
    selfSigned(testDir, "client", "/O=system:masters/CN=real-node-admin", null);
    KubeAPIServer apiServer =
        new KubeAPIServer(
            KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withTestDir(testDir.toString())
                .withOfflineMode(true)
                .withApiServerVersion(version)
                .withUpdateKubeConfig(false)
                // Logs, exec and port-forward: the API server reaches the kubelet at its address,
                // not at its name, which nothing resolves here.
                .withApiServerFlag("--kubelet-preferred-address-types", "InternalIP")
                .build());
    apiServer.start();
    Path kubeconfig = dir.resolve("admin.kubeconfig");
    Files.writeString(kubeconfig, apiServer.getKubeConfigYaml());
    RealNode node = new RealNode(dir, apiServer, kubeconfig);
    try {
      node.startComponents(binaries, testDir, registry);
      node.awaitReady(Duration.ofMinutes(3));
    } catch (IOException | InterruptedException | RuntimeException e) {
      node.close();
      throw e;
    }
    return node;
  }

  private void startComponents(Path binaries, Path testDir, String registry) throws IOException {
    // The bridge first, so that CoreDNS can listen on its address before the first pod.
    if (Kubectl.exec(List.of("ip", "link", "show", BRIDGE), Duration.ofSeconds(10)).exitCode()
        != 0) {
      exec(List.of("ip", "link", "add", BRIDGE, "type", "bridge"));
      exec(List.of("ip", "addr", "add", BRIDGE_ADDRESS + "/16", "dev", BRIDGE));
    }
    exec(List.of("ip", "link", "set", BRIDGE, "up"));

    Path cni = Files.createDirectories(dir.resolve("cni"));
    Files.writeString(
        cni.resolve("10-insight-node.conflist"),
        """
        {"cniVersion": "1.0.0", "name": "insight-node", "plugins": [
          {"type": "bridge", "bridge": "%s", "isGateway": true, "isDefaultGateway": true,
           "ipMasq": false,
           "ipam": {"type": "host-local", "ranges": [[{"subnet": "%s", "gateway": "%s"}]]}},
          {"type": "portmap", "capabilities": {"portMappings": true}}]}
        """
            .formatted(BRIDGE, POD_CIDR, BRIDGE_ADDRESS));

    // containerd: its default configuration with this node's directories, the sandbox image and
    // registry of this machine, and runc through a wrapper (below).
    Path runcWrapper = dir.resolve("runc");
    Files.writeString(
        runcWrapper,
        """
        #!/bin/bash
        # The sandbox these tests run in withholds CAP_SYS_RESOURCE: no process may lower its
        # oom_score_adj below 0, and runc fails a container whose spec asks for it (the kubelet
        # asks -998 for every pod sandbox, -997 for Guaranteed pods). Such values become 0.
        for ((i = 1; i <= $#; i++)); do
          if [ "${!i}" = "--bundle" ]; then
            j=$((i + 1))
            config="${!j}/config.json"
            sed -i -E 's/"oomScoreAdj":-[0-9]+/"oomScoreAdj":0/' "$config"
          fi
        done
        exec runc "$@"
        """);
    Files.setPosixFilePermissions(runcWrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path certs = Files.createDirectories(dir.resolve("certs.d").resolve(registry));
    Files.writeString(
        certs.resolve("hosts.toml"),
        """
        server = "http://%s"
        [host."http://%s"]
          capabilities = ["pull", "resolve"]
        """
            .formatted(registry, registry));
    String defaults = exec(List.of("containerd", "config", "default"));
    String containerdConfig =
        defaults
            .replaceFirst("(?m)^root = .*$", "root = \"" + dir.resolve("containerd/root") + "\"")
            .replaceFirst("(?m)^state = .*$", "state = \"" + dir.resolve("containerd/state") + "\"")
            .replace(
                "address = \"/run/containerd/containerd.sock\"",
                "address = \"" + dir.resolve("containerd.sock") + "\"")
            .replaceFirst(
                "sandbox_image = \"[^\"]*\"",
                "sandbox_image = \"" + registry + "/insight-engine/pause:3.10\"")
            .replace("bin_dir = \"/opt/cni/bin\"", "bin_dir = \"/usr/lib/cni\"")
            .replace("conf_dir = \"/etc/cni/net.d\"", "conf_dir = \"" + cni + "\"")
            .replace("config_path = \"\"\n", "config_path = \"" + dir.resolve("certs.d") + "\"\n")
            .replace("BinaryName = \"\"", "BinaryName = \"" + runcWrapper + "\"");
    Path containerdToml = dir.resolve("containerd.toml");
    Files.writeString(containerdToml, containerdConfig);
    start("containerd", List.of("containerd", "--config", containerdToml.toString()));

    Path corefile = dir.resolve("Corefile");
    Files.writeString(
        corefile,
        """
        .:53 {
          bind %s
          errors
          kubernetes cluster.local in-addr.arpa ip6.arpa {
            kubeconfig %s
            pods insecure
            fallthrough in-addr.arpa ip6.arpa
          }
        }
        """
            .formatted(BRIDGE_ADDRESS, kubeconfig));
    start("coredns", List.of(binaries.resolve("coredns").toString(), "-conf", corefile.toString()));

    start(
        "kube-controller-manager",
        List.of(
            binaries.resolve("kube-controller-manager").toString(),
            "--kubeconfig=" + kubeconfig,
            "--authentication-kubeconfig=" + kubeconfig,
            "--authorization-kubeconfig=" + kubeconfig,
            "--leader-elect=false",
            "--bind-address=127.0.0.1",
            "--secure-port=" + freePort(),
            // The kube-root-ca.crt ConfigMap every namespace gets, for pods' in-cluster clients.
            "--root-ca-file=" + testDir.resolve("apiserver.crt"),
            "--service-account-private-key-file=" + testDir.resolve("apiserver.key"),
            "--cluster-cidr=" + POD_CIDR));
    start(
        "kube-scheduler",
        List.of(
            binaries.resolve("kube-scheduler").toString(),
            "--kubeconfig=" + kubeconfig,
            "--authentication-kubeconfig=" + kubeconfig,
            "--authorization-kubeconfig=" + kubeconfig,
            "--leader-elect=false",
            "--bind-address=127.0.0.1",
            "--secure-port=" + freePort()));

    Path kubeletConfig = dir.resolve("kubelet.yaml");
    Files.writeString(
        kubeletConfig,
        """
        apiVersion: kubelet.config.k8s.io/v1beta1
        kind: KubeletConfiguration
        cgroupDriver: cgroupfs
        failSwapOn: false
        containerRuntimeEndpoint: unix://%s
        authentication:
          anonymous:
            enabled: true
          webhook:
            enabled: false
        authorization:
          mode: AlwaysAllow
        address: %s
        readOnlyPort: 0
        enforceNodeAllocatable: []
        clusterDNS: [%s]
        clusterDomain: cluster.local
        resolvConf: ""
        serializeImagePulls: false
        """
            .formatted(dir.resolve("containerd.sock"), BRIDGE_ADDRESS, BRIDGE_ADDRESS));
    start(
        "kubelet",
        List.of(
            binaries.resolve("kubelet").toString(),
            "--config=" + kubeletConfig,
            "--kubeconfig=" + kubeconfig,
            "--root-dir=" + dir.resolve("kubelet"),
            "--hostname-override=" + NODE_NAME,
            "--node-ip=" + BRIDGE_ADDRESS));
    start(
        "kube-proxy",
        List.of(
            binaries.resolve("kube-proxy").toString(),
            "--kubeconfig=" + kubeconfig,
            "--hostname-override=" + NODE_NAME,
            "--proxy-mode=iptables",
            "--cluster-cidr=" + POD_CIDR,
            // Pods reach each other's Services across the one bridge: replies must come back
            // through the node's connection tracking.
            "--masquerade-all",
            "--conntrack-max-per-core=0",
            "--healthz-bind-address=127.0.0.1:" + freePort(),
            "--metrics-bind-address=127.0.0.1:" + freePort()));
  }

  private void awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (Process process : processes) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "a node component exited " + process.exitValue() + "; logs in " + dir);
        }
      }
      var node = client.nodes().withName(NODE_NAME).get();
      if (node != null
          && node.getStatus().getConditions().stream()
              .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"))
          && client.configMaps().inNamespace("default").withName("kube-root-ca.crt").get()
              != null) {
        return;
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("the node is not Ready after " + timeout + "; logs in " + dir);
  }

  private void start(String name, List<String> command) throws IOException {
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(name + ".log").toFile())
            .start();
    process.getOutputStream().close();
    processes.add(process);
  }

  /** A self-signed certificate {@code <name>.crt} and its key {@code <name>.key}, for 2 days. */
  private static void selfSigned(Path dir, String name, String subject, String extension) {
    List<String> command =
        new ArrayList<>(
            List.of(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "2",
                "-keyout",
                dir.resolve(name + ".key").toString(),
                "-out",
                dir.resolve(name + ".crt").toString(),
                "-subj",
                subject));
    if (extension != null) {
      command.addAll(List.of("-addext", extension));
    }
    exec(command);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String exec(List<String> command) {
    Kubectl.Result result = Kubectl.exec(command, Duration.ofMinutes(2));
    if (result.exitCode() != 0) {
      throw new IllegalStateException(
          String.join(" ", command) + " exited " + result.exitCode() + ":\n" + result.output());
    }
    return result.output();
  }

  /** Stops every part (the kubelet first, then the containers it left), and removes the rules. */
  @Override
  public void close() throws InterruptedException {
    List<Process> reversed = new ArrayList<>(processes);
    java.util.Collections.reverse(reversed);
    Process containerd = processes.isEmpty() ? null : processes.get(0);
    for (Process process : reversed) {
      if (process == containerd) {
        // Pods' containers outlive the kubelet: stop them before containerd.
        String ids =
            Kubectl.exec(
                    List.of("runc", "--root", "/run/containerd/runc/k8s.io", "list", "-q"),
                    Duration.ofSeconds(30))
                .output();
        for (String id : ids.lines().filter(l -> !l.isBlank()).toList()) {
          Kubectl.exec(
              List.of("runc", "--root", "/run/containerd/runc/k8s.io", "kill", id, "KILL"),
              Duration.ofSeconds(30));
        }
        Thread.sleep(1000);
      }
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    Kubectl.exec(
        List.of(
            KubeApiServer.binaries(KubeApiServer.pinnedVersion()).resolve("kube-proxy").toString(),
            "--cleanup"),
        Duration.ofSeconds(30));
    client.close();
    apiServer.stop();
  }
}
