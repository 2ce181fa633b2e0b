package com.incident.tools.chaos.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignaturesTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "stress-ng", "alexeiled/stress-ng:latest", "ghcr.io/colinianking/stress-ng:0.17.08",
      "registry.local:5000/chaos/stress-ng@sha256:0123abcd", "polinux/stress", "progrium/stress:1.0"})
  void imagesOfTheLoadGeneratorsAreStress(String image) {
    assertThat(Signatures.stressEvidence(pod("anything", Map.of(), container(image)))).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "public.ecr.aws/nginx/nginx:1.27", "stress-test-ui:1.0", "example.com/stress-ng-exporter:2.1", "my-stress:1", "stressng:1"})
  void lookalikeImagesAreNotStress(String image) {
    assertThat(Signatures.stressEvidence(pod("stress-test-ui", Map.of("app", "stress-test-ui"), container(image)))).isEmpty();
  }

  @Test
  void aCommandThatStartsStressNgIsStressWhateverTheImage() {
    Container c = new ContainerBuilder().withName("load").withImage("busybox:1.36").withCommand("/usr/bin/stress-ng").withArgs("--cpu", "4").build();
    assertThat(Signatures.stressEvidence(pod("worker", Map.of(), c))).hasValue("container load runs command stress-ng");
  }

  @Test
  void aShellScriptThatExecsStressIsStress() {
    Container c = new ContainerBuilder().withName("load").withImage("alpine:3.20")
        .withCommand("sh").withArgs("-c", "apk add --no-cache stress-ng && FOO=1 exec stress-ng --vm 1").build();
    assertThat(Signatures.stressEvidence(pod("worker", Map.of(), c))).isPresent();
  }

  @Test
  void theWordStressAsAnArgumentOfAnotherProgramIsNotStress() {
    Container c = new ContainerBuilder().withName("api").withImage("python:3.12").withCommand("python", "app.py", "--mode", "stress").build();
    Container script = new ContainerBuilder().withName("api").withImage("bash:5").withCommand("bash", "-c", "echo stress-ng is not installed").build();
    assertThat(Signatures.stressEvidence(pod("api", Map.of(), c))).isEmpty();
    assertThat(Signatures.stressEvidence(pod("api", Map.of(), script))).isEmpty();
  }

  @Test
  void chaosLabelsAndAnnotationsMarkAnExperiment() {
    Container nginx = container("nginx:1.27");
    assertThat(Signatures.stressEvidence(pod("x", Map.of("app", "chaos-test"), nginx))).hasValue("labelled app=chaos-test");
    assertThat(Signatures.stressEvidence(pod("x", Map.of("chaos-experiment", "true"), nginx))).hasValue("labelled chaos-experiment=true");
    assertThat(Signatures.stressEvidence(pod("x", Map.of("app", "chaos-testing-dashboard"), nginx))).isEmpty();
    assertThat(Signatures.stressEvidence(pod("x", Map.of("chaos", "false"), nginx))).isEmpty();
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

  private static Container container(String image) {
    return new ContainerBuilder().withName("main").withImage(image).build();
  }

  private static Pod pod(String name, Map<String, String> labels, Container c) {
    return new PodBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
        .withNewSpec().withContainers(c).endSpec().build();
  }
}
