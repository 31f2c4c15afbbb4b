package io.insightengine.operator.dbt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpecBuilder;
import io.insightengine.api.v1alpha1.common.Durations;
import io.insightengine.api.v1alpha1.dbt.DbtProjectSource;
import io.insightengine.api.v1alpha1.dbt.DbtRun;
import io.insightengine.api.v1alpha1.dbt.DbtRunSpec;
import io.insightengine.api.v1alpha1.project.DatasourceSpec;
import io.insightengine.api.v1alpha1.project.Project;
import io.insightengine.operator.common.EnvVars;
import io.insightengine.operator.common.RestrictedSecurity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Job a DbtRun runs: real dbt in the configured image against the project's warehouse. With a
 * git source an init container clones the project into a shared volume; with an image source the
 * project is baked in. The dbt container ends by summarizing target/run_results.json into its
 * termination message (counts and failures, under the kubelet's 4 KiB limit), which the operator
 * reads into the DbtRun's status.
 */
public final class DbtJobs {
  /** An official dbt-postgres image; spec.image overrides it. */
  public static final String DEFAULT_DBT_IMAGE = "ghcr.io/dbt-labs/dbt-postgres:1.9.latest";

  public static final String GIT_IMAGE = "alpine/git:2.47.2";
  public static final String RUN_LABEL = "insight-engine.io/dbt-run";
  private static final String WORKSPACE = "/workspace";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Summarizes run_results.json for the termination message; run with the dbt image's Python. Kept
   * here, not in an image of ours, so any dbt image works.
   */
  static final String SUMMARIZE =
      String.join(
          "\n",
          "import json, collections",
          "r = json.load(open('target/run_results.json'))",
          "counts = {'models': collections.Counter(), 'tests': collections.Counter()}",
          "failures = []",
          "for n in r.get('results', []):",
          "    uid = n.get('unique_id', '')",
          "    kind = 'tests' if uid.startswith('test.') else 'models' if uid.startswith(('model.', 'seed.', 'snapshot.')) else None",
          "    status = n.get('status')",
          "    state = {'success': 'passed', 'pass': 'passed', 'error': 'failed', 'fail': 'failed', 'warn': 'warned', 'skipped': 'skipped'}.get(status, 'skipped')",
          "    if kind: counts[kind][state] += 1",
          "    if state == 'failed' and len(failures) < 10: failures.append({'node': uid, 'message': (n.get('message') or '')[:200]})",
          "out = {'total': len(r.get('results', [])), 'models': dict(counts['models']), 'tests': dict(counts['tests']), 'failures': failures}",
          "try: out['artifactsRevision'] = json.load(open('/workspace/delivered.json')).get('revision')",
          "except Exception: pass",
          "try: out['deliveryError'] = open('/workspace/delivery-error.txt').read()[:300]",
          "except Exception: pass",
          "open('/dev/termination-log', 'w').write(json.dumps(out)[:4000])");

  /**
   * Delivers target/manifest.json to the engine's internal endpoint, {@code POST
   * <engine>/internal/v1/projects/<project>/dbt-artifacts?dbtRun=<run>} (the engine keys deliveries
   * by project and DbtRun; bearer token from the engine's Secret), and keeps its answer for the
   * summary; with the dbt image's Python, no curl needed. An engine that does not serve the project
   * yet (404: a new Project reaches the engine's pods with the bundle ConfigMap, which the kubelet
   * refreshes about once a minute) or cannot answer (503, no connection) is tried again, for up to
   * five minutes; any other refusal ends the delivery at once. Why it gave up goes into the summary
   * (deliveryError), so the DbtRun says its artifacts did not reach the engine.
   */
  static final String DELIVER =
      String.join(
          "\n",
          "import os, time, urllib.error, urllib.parse, urllib.request",
          "url = (os.environ['INSIGHT_ENGINE_URL'] + '/internal/v1/projects/' + urllib.parse.quote(os.environ['INSIGHT_PROJECT'], safe='')",
          "    + '/dbt-artifacts?dbtRun=' + urllib.parse.quote(os.environ['INSIGHT_DBT_RUN'], safe=''))",
          "body = open('target/manifest.json', 'rb').read()",
          "def give_up(why):",
          "    open('/workspace/delivery-error.txt', 'w').write(why[:300])",
          "    raise SystemExit('could not deliver the artifacts to the engine: ' + why)",
          "deadline = time.monotonic() + 300",
          "pause = 2",
          "while True:",
          "    req = urllib.request.Request(url, data=body, method='POST',",
          "        headers={'Content-Type': 'application/json', 'Authorization': 'Bearer ' + os.environ['INSIGHT_INTERNAL_TOKEN']})",
          "    try:",
          "        answer = urllib.request.urlopen(req, timeout=60).read()",
          "        break",
          "    except urllib.error.HTTPError as e:",
          "        why = 'the engine answered %d: %s' % (e.code, e.read()[:200].decode('utf-8', 'replace'))",
          "        if e.code not in (404, 503) or time.monotonic() > deadline: give_up(why)",
          "    except OSError as e:",
          "        why = 'the engine cannot be reached: %s' % e",
          "        if time.monotonic() > deadline: give_up(why)",
          "    print(why + '; trying again in %d s' % pause, flush=True)",
          "    time.sleep(pause)",
          "    pause = min(pause * 2, 15)",
          "open('/workspace/delivered.json', 'wb').write(answer)");

  private DbtJobs() {}

  public static String jobName(DbtRun run) {
    // A Job's pod template cannot change: each generation of the DbtRun gets a Job of its own.
    return run.getMetadata().getName() + "-" + run.getMetadata().getGeneration();
  }

  public static String cronJobName(DbtRun run) {
    return run.getMetadata().getName();
  }

  public static Map<String, String> labels(DbtRun run) {
    Map<String, String> labels = new HashMap<>();
    labels.put(RUN_LABEL, run.getMetadata().getName());
    labels.put("app.kubernetes.io/name", "dbt");
    labels.put("app.kubernetes.io/managed-by", "insight-engine-operator");
    return labels;
  }

  public static JobSpec jobSpec(DbtRun run, Project project) {
    DbtRunSpec spec = run.getSpec();
    return new JobSpecBuilder()
        .withBackoffLimit(spec.getRetries() != null ? spec.getRetries() : 2)
        .withActiveDeadlineSeconds(
            Duration.ofMillis(durationMillis(spec.getTimeout() != null ? spec.getTimeout() : "30m"))
                .toSeconds())
        .withTtlSecondsAfterFinished(
            spec.getTtlSecondsAfterFinished() != null ? spec.getTtlSecondsAfterFinished() : 86400)
        .withTemplate(podTemplate(run, project))
        .build();
  }

  static PodTemplateSpec podTemplate(DbtRun run, Project project) {
    DbtRunSpec spec = run.getSpec();
    DbtProjectSource source = spec.getSource();
    List<Container> init = new ArrayList<>();
    String projectDir;
    String image;
    if (source.getGit() != null) {
      var git = source.getGit();
      projectDir =
          WORKSPACE
              + "/src"
              + (git.getPath() != null ? "/" + git.getPath().replaceAll("^/+", "") : "");
      image = spec.getImage() != null ? spec.getImage() : DEFAULT_DBT_IMAGE;
      List<EnvVar> gitEnv = new ArrayList<>();
      String clone =
          "git clone --depth 1 --branch \"$GIT_REVISION\" \"$GIT_URL\" " + WORKSPACE + "/src";
      gitEnv.add(EnvVars.of("GIT_URL", git.getUrl()));
      gitEnv.add(
          EnvVars.of("GIT_REVISION", git.getRevision() != null ? git.getRevision() : "main"));
      if (git.getCredentialsSecret() != null) {
        String secret = git.getCredentialsSecret().getName();
        gitEnv.add(EnvVars.fromSecret("GIT_USERNAME", secret, "username", true));
        gitEnv.add(EnvVars.fromSecret("GIT_PASSWORD", secret, "password", true));
        // Credentials through a helper, never in the URL (which would show in process lists).
        clone =
            "git -c credential.helper='!f() { echo username=$GIT_USERNAME; echo password=$GIT_PASSWORD; }; f' "
                + clone.substring("git ".length());
      }
      init.add(
          new ContainerBuilder()
              .withName("fetch-project")
              .withImage(GIT_IMAGE)
              .withCommand("sh", "-c", clone)
              .withEnv(gitEnv)
              .addNewVolumeMount()
              .withName("workspace")
              .withMountPath(WORKSPACE)
              .endVolumeMount()
              .withSecurityContext(RestrictedSecurity.containerContext())
              .build());
    } else {
      projectDir =
          source.getImage().getProjectDir() != null
              ? source.getImage().getProjectDir()
              : "/usr/app";
      image = source.getImage().getName();
    }
    Container dbt =
        new ContainerBuilder()
            .withName("dbt")
            .withImage(image)
            .withWorkingDir(projectDir)
            .withCommand("sh", "-c", script(spec))
            .withEnv(warehouseEnv(run, project, projectDir))
            .addNewVolumeMount()
            .withName("workspace")
            .withMountPath(WORKSPACE)
            .endVolumeMount()
            .withTerminationMessagePolicy("File")
            .withSecurityContext(RestrictedSecurity.containerContext())
            .build();
    return new PodTemplateSpecBuilder()
        .withNewMetadata()
        .withLabels(labels(run))
        .endMetadata()
        .withNewSpec()
        .withRestartPolicy("Never")
        // dbt talks to the warehouse and the engine, never to the Kubernetes API.
        .withAutomountServiceAccountToken(false)
        .withInitContainers(init)
        .withContainers(dbt)
        .addNewVolume()
        .withName("workspace")
        .withNewEmptyDir()
        .endEmptyDir()
        .endVolume()
        .withSecurityContext(RestrictedSecurity.pod().withRunAsUser(1000L).build())
        .endSpec()
        .build();
  }

  /** dbt with the requested command and options, then the summary, keeping dbt's exit code. */
  static String script(DbtRunSpec spec) {
    List<String> dbt = new ArrayList<>(List.of("dbt"));
    String command =
        spec.getCommand() != null
            ? spec.getCommand().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
            : "build";
    dbt.addAll(List.of(command.split(" ")));
    dbt.addAll(
        List.of(
            "--profiles-dir",
            ".",
            "--target",
            spec.getTarget() != null ? spec.getTarget() : "postgres"));
    for (String select : spec.getSelect()) {
      dbt.addAll(List.of("--select", quote(select)));
    }
    for (String exclude : spec.getExclude()) {
      dbt.addAll(List.of("--exclude", quote(exclude)));
    }
    if (!spec.getVars().isEmpty()) {
      try {
        dbt.addAll(List.of("--vars", quote(JSON.writeValueAsString(spec.getVars()))));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
    if (Boolean.TRUE.equals(spec.getFullRefresh())) {
      dbt.add("--full-refresh");
    }
    if (spec.getThreads() != null) {
      dbt.addAll(List.of("--threads", String.valueOf(spec.getThreads())));
    }
    return String.join(" ", dbt)
        + "; rc=$?; if [ $rc -eq 0 ] && [ -f target/manifest.json ] && [ -n \"$INSIGHT_INTERNAL_TOKEN\" ];"
        + " then python3 -c "
        + quote(DELIVER)
        + " || true; fi;"
        + " [ -f target/run_results.json ] && python3 -c "
        + quote(SUMMARIZE)
        + "; exit $rc";
  }

  private static List<EnvVar> warehouseEnv(DbtRun run, Project project, String projectDir) {
    DatasourceSpec ds = project.getSpec().getDatasource();
    List<EnvVar> env = new ArrayList<>();
    env.add(EnvVars.of("DBT_PG_HOST", ds.getHost()));
    env.add(EnvVars.of("DBT_PG_PORT", String.valueOf(ds.getPort() != null ? ds.getPort() : 5432)));
    env.add(EnvVars.of("DBT_PG_DBNAME", ds.getDatabase()));
    String secret = ds.getCredentialsSecret().getName();
    env.add(EnvVars.fromSecret("DBT_PG_USER", secret, "username"));
    env.add(EnvVars.fromSecret("DBT_PG_PASSWORD", secret, "password"));
    // dbt writes logs and target/ next to the project; HOME for its user config.
    env.add(EnvVars.of("HOME", WORKSPACE));
    env.add(EnvVars.of("DBT_LOG_PATH", WORKSPACE + "/logs"));
    env.add(EnvVars.of("DBT_PROJECT_DIR", projectDir));
    // Where the artifacts go: the project's engine, through its Service.
    String engine = project.getSpec().getEngineRef().getName();
    env.add(EnvVars.of("INSIGHT_PROJECT", project.getMetadata().getName()));
    env.add(EnvVars.of("INSIGHT_DBT_RUN", run.getMetadata().getName()));
    env.add(
        EnvVars.of(
            "INSIGHT_ENGINE_URL",
            "http://"
                + engine
                + "."
                + project.getMetadata().getNamespace()
                + ".svc:"
                + io.insightengine.operator.engine.EngineResources.SERVICE_PORT));
    env.add(
        EnvVars.fromSecret(
            "INSIGHT_INTERNAL_TOKEN",
            io.insightengine.operator.engine.EngineInternalTokenSecretDependentResource.name(
                engine),
            "token",
            true));
    return env;
  }

  /** A single-quoted shell word. */
  static String quote(String s) {
    return "'" + s.replace("'", "'\"'\"'") + "'";
  }

  private static long durationMillis(String duration) {
    return Durations.parse(duration).toMillis();
  }
}
