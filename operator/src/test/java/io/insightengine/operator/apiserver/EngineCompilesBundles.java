package io.insightengine.operator.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.insightengine.engine.bundle.ConfigBundle;
import io.insightengine.engine.bundle.ConfigBundleCompiler;
import io.insightengine.operator.bundle.ConfigBundleAssembler;
import io.insightengine.operator.engine.EngineResources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Set;

/**
 * The operator → engine contract, checked on every bundle an operator test leaves behind: the
 * engine's own bundle compiler reads it (as the engine pods would, from the mounted files) and
 * serves every project in it. The compiler here reads no dbt artifacts, so projects waiting for
 * them are the only refusals allowed.
 */
final class EngineCompilesBundles {
  private static final Set<String> WITHOUT_ARTIFACTS =
      Set.of("DbtArtifactsMissing", "DbtArtifactsPending");

  private EngineCompilesBundles() {}

  static int check(KubernetesClient client, String namespace) throws Exception {
    int checked = 0;
    for (ConfigMap bundle : client.configMaps().inNamespace(namespace).list().getItems()) {
      var annotations = bundle.getMetadata().getAnnotations();
      if (annotations == null || !annotations.containsKey(EngineResources.REVISION_ANNOTATION)) {
        continue;
      }
      Path dir = Files.createTempDirectory("bundle-" + bundle.getMetadata().getName());
      // The files as the kubelet mounts them: data as text, binaryData (gzipped) as bytes.
      if (bundle.getData() != null) {
        for (var file : bundle.getData().entrySet()) {
          Files.writeString(dir.resolve(file.getKey()), file.getValue());
        }
      }
      if (bundle.getBinaryData() != null) {
        for (var file : bundle.getBinaryData().entrySet()) {
          Files.write(dir.resolve(file.getKey()), Base64.getDecoder().decode(file.getValue()));
        }
      }
      if (ConfigBundleAssembler.storedFiles(bundle).stream()
          .noneMatch(f -> f.startsWith("project-"))) {
        continue; // an engine with no valid project yet: nothing to compile
      }
      ConfigBundle compiled = new ConfigBundleCompiler().compile(dir);
      compiled
          .refused()
          .forEach(
              (project, refusal) ->
                  assertThat(refusal.reason())
                      .as(
                          "the engine refuses project %s of bundle %s: %s",
                          project, bundle.getMetadata().getName(), refusal.message())
                      .isIn(WITHOUT_ARTIFACTS));
      assertThat(compiled.revision())
          .as("the engine computes the revision the operator wrote")
          .isEqualTo(annotations.get(EngineResources.REVISION_ANNOTATION));
      checked++;
    }
    return checked;
  }
}
