package com.incident.kube.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignaturesTest {

  // --- the real positives --------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {
      "stress-ng", "alexeiled/stress-ng:latest", "ghcr.io/colinianking/stress-ng:0.17.08",
      "registry.local:5000/chaos/stress-ng@sha256:0123abcd", "polinux/stress", "progrium/stress:1.0"})
  void aLoadGeneratorImageWithStressorArgumentsIsStress(String image) {
    Container c = new ContainerBuilder().withName("load").withImage(image).withArgs("--cpu", "2", "--timeout", "600s").build();

    assertThat(Signatures.stress(c)).hasValueSatisfying(s -> assertThat(s.stresses()).containsExactly(Resource.CPU));
  }

  @Test
  void aStressNgCommandIsStressWhateverTheImage() {
    Container c = container("busybox:1.36").withCommand("stress-ng", "--cpu", "2").build();

    Signatures.Stress s = Signatures.stress(c).orElseThrow();
    assertThat(s.process()).containsExactly("stress-ng", "--cpu", "2");
    assertThat(s.stresses()).containsExactly(Resource.CPU);
    assertThat(s.evidence()).isEqualTo("container main entrypoint runs `stress-ng --cpu 2` (stresses cpu)");
  }

  @Test
  void aShellThatExecsStressNgIsStress() {
    Container c = container("alpine:3.20").withCommand("sh", "-c", "exec stress-ng --vm 2 --vm-bytes 512M --timeout 1h").build();

    assertThat(Signatures.stress(c)).hasValueSatisfying(s -> {
      assertThat(s.process()).containsExactly("stress-ng", "--vm", "2", "--vm-bytes", "512M", "--timeout", "1h");
      assertThat(s.stresses()).containsExactly(Resource.MEMORY);
    });
  }

  @Test
  void theLastForegroundCommandOfAScriptWithoutExecIsWhatRuns() {
    Container c = container("alpine:3.20")
        .withCommand("/bin/sh", "-c", "apk add --no-cache stress-ng >/dev/null 2>&1; nohup stress-ng --cpu 0 --cpu-load 90").build();

    assertThat(Signatures.stress(c)).hasValueSatisfying(s -> assertThat(s.process()).startsWith("stress-ng", "--cpu"));
  }

  @Test
  void aConditionTheContainerEnvMakesTrueCounts() {
    Container c = container("alpine:3.20").withCommand("sh", "-c", "[ \"$LOAD_TEST\" = 1 ] && exec stress-ng --cpu 4; exec nginx")
        .addNewEnv().withName("LOAD_TEST").withValue("1").endEnv().build();

    assertThat(Signatures.stress(c)).isPresent();
  }

  // --- the decoys ----------------------------------------------------------------------------

  @Test
  void webEntrypointThatOnlyProbesForStressIsNotStress() {
    Container c = container("public.ecr.aws/nginx/nginx:1.27").withCommand("sh", "-c",
        "stress --version >/dev/null 2>&1 || echo 'no stress tool'; exec nginx -g 'daemon off;'").build();

    assertThat(Signatures.stress(c)).isEmpty();
  }

  @Test
  void searchApiWithAStressBranchSwitchedOffIsNotStress() {
    Container unset = container("public.ecr.aws/nginx/nginx:1.27").withCommand("sh", "-c",
        "[ \"$LOAD_TEST\" = 1 ] && stress-ng --cpu 2 --timeout 600s; exec nginx -g 'daemon off;'").build();
    Container off = new ContainerBuilder(unset).addNewEnv().withName("LOAD_TEST").withValue("0").endEnv().build();

    assertThat(Signatures.stress(unset)).isEmpty();
    assertThat(Signatures.stress(off)).isEmpty();
  }

  @Test
  void stressInsideAnIfOrBehindAnUnknownConditionIsNotWhatRuns() {
    Container inIf = container("alpine").withCommand("sh", "-c", "if [ -n \"$BURN\" ]; then exec stress-ng --cpu 2; fi; exec nginx").build();
    Container behindInstall = container("alpine").withCommand("sh", "-c", "apk add stress-ng && exec stress-ng --cpu 2").build();
    Container probe = container("alpine").withCommand("stress-ng", "--version").build();
    Container usage = container("alpine").withCommand("sh", "-c", "exec stress-ng --help").build();

    assertThat(Signatures.stress(inIf)).isEmpty();
    assertThat(Signatures.stress(behindInstall)).as("apk add may fail: the condition is not known true").isEmpty();
    assertThat(Signatures.stress(probe)).isEmpty();
    assertThat(Signatures.stress(usage)).isEmpty();
  }

  @Test
  void theWordStressAsDataOfAnotherProgramIsNotStress() {
    Container python = container("python:3.12").withCommand("python", "app.py", "--mode", "stress").build();
    Container echo = container("bash:5").withCommand("bash", "-c", "echo stress-ng is not installed").build();
    Container comment = container("bash:5").withCommand("bash", "-c", "# exec stress-ng --cpu 4\nexec nginx").build();

    assertThat(Signatures.stress(python)).isEmpty();
    assertThat(Signatures.stress(echo)).isEmpty();
    assertThat(Signatures.stress(comment)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "public.ecr.aws/nginx/nginx:1.27", "stress-test-ui:1.0", "example.com/stress-ng-exporter:2.1", "my-stress:1", "stressng:1"})
  void lookalikeImagesAreNotStress(String image) {
    assertThat(Signatures.stress(container(image).withArgs("nginx", "-g", "daemon off;").build())).isEmpty();
  }

  @Test
  void aLoadGeneratorImageWhoseEntrypointIsOverriddenRunsWhatTheCommandSays() {
    Container c = container("alexeiled/stress-ng:latest").withCommand("sleep", "infinity").build();

    assertThat(Signatures.stress(c)).isEmpty();
  }

  @Test
  void runningMeansThePodRunsAndTheContainerIsInStateRunning() {
    Pod running = new PodBuilder().withNewMetadata().withName("p").endMetadata().withNewStatus().withPhase("Running")
        .addNewContainerStatus().withName("load").withNewState().withNewRunning().endRunning().endState().endContainerStatus()
        .endStatus().build();
    Pod completed = new PodBuilder().withNewMetadata().withName("p").endMetadata().withNewStatus().withPhase("Succeeded").endStatus().build();

    assertThat(Signatures.running(running, "load")).isTrue();
    assertThat(Signatures.running(running, "other")).isFalse();
    assertThat(Signatures.running(completed, "load")).isFalse();
  }

  @Test
  void stressorsMapToTheResourcesTheyLoad() {
    assertThat(Signatures.stress(container("x").withCommand("stress", "-c", "2", "-m", "1", "--io", "1").build()).orElseThrow().stresses())
        .isEqualTo(Set.of(Resource.CPU, Resource.MEMORY, Resource.IO));
    assertThat(Signatures.stress(container("x").withCommand("stress-ng", "--vm=2").build()).orElseThrow().stresses())
        .isEqualTo(Set.of(Resource.MEMORY));
    assertThat(Signatures.stress(container("alexeiled/stress-ng").build()).orElseThrow().stresses())
        .as("the image's own default command is not visible").isEmpty();
  }

  @Test
  void imagePullFailuresAreReadFromContainerAndInitContainerStatuses() {
    Pod pod = new PodBuilder().withNewMetadata().withName("catalog-abc").endMetadata()
        .withNewStatus()
        .addNewInitContainerStatus().withName("migrate").withImage("db-migrate:bad")
        .withNewState().withNewWaiting().withReason("InvalidImageName").endWaiting().endState().endInitContainerStatus()
        .addNewContainerStatus().withName("catalog").withImage("catalog:9.9.9")
        .withNewState().withNewWaiting().withReason("ErrImagePull").endWaiting().endState().endContainerStatus()
        .addNewContainerStatus().withName("proxy").withImage("envoy:1.31")
        .withNewState().withNewWaiting().withReason("CrashLoopBackOff").endWaiting().endState().endContainerStatus()
        .endStatus().build();

    assertThat(Signatures.imagePullFailures(pod))
        .containsExactly("migrate: InvalidImageName (db-migrate:bad)", "catalog: ErrImagePull (catalog:9.9.9)");
  }

  private static ContainerBuilder container(String image) {
    return new ContainerBuilder().withName("main").withImage(image);
  }
}
