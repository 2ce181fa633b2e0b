package com.incident.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.incident.local.bench.ClassLoadAttribution.Share;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassLoadAttributionTest {

  @Test
  void theTimeUpToEachClassLoadIsChargedToThatClassesLibraryAndTheStartUpKeepsWhatCameBeforeMain() {
    List<String> log = List.of(
        "[20000000ns] java.lang.Object source: shared objects file",
        "[40000000ns] com.incident.local.bench.ColdStartProbe source: file:/probe/",
        "[100000000ns] software.amazon.awssdk.core.SdkClient source: file:/fn.jar",
        "[160000000ns] software.amazon.awssdk.services.dynamodb.DynamoDbClient source: file:/fn.jar",
        "garbage line the JVM never writes",
        "[190000000ns] com.fasterxml.jackson.databind.ObjectMapper source: file:/fn.jar",
        "[200000000ns] jdk.internal.net.http.HttpClientImpl source: jrt:/java.net.http",
        "[210000000ns] io.netty.channel.Channel source: file:/fn.jar");

    ClassLoadAttribution a = ClassLoadAttribution.of(log, 50, 260);

    assertThat(a.shares()).containsExactly(
        new Share("AWS SDK for Java v2", 110, 2),
        new Share(ClassLoadAttribution.START_UP, 50, 2),
        new Share(ClassLoadAttribution.AFTER_LAST_LOAD, 50, 0),
        new Share("Jackson", 30, 1),
        new Share("JDK HTTP client", 10, 1),
        new Share("io.netty", 10, 1));
    assertThat(a.shares().stream().mapToLong(Share::ms).sum()).isEqualTo(a.totalMs());
    assertThat(a.top(2)).isEqualTo("AWS SDK for Java v2 110 ms (2 classes), JVM start-up (before main) 50 ms (2 classes)");
  }

  @Test
  void loadsAfterTheResponseAreNotCharged() {
    ClassLoadAttribution a = ClassLoadAttribution.of(List.of(
        "[10000000ns] com.incident.Main source: x",
        "[90000000ns] com.nimbusds.jwt.SignedJWT source: x",
        "[500000000ns] org.apache.logging.log4j.core.Logger source: x"), 5, 100);

    assertThat(a.shares()).extracting(Share::library)
        .containsExactly("Nimbus JOSE+JWT", "code after the last class load", "JVM start-up (before main)",
            "this project's code");
    assertThat(a.shares().stream().mapToLong(Share::ms).sum()).isEqualTo(100);
  }

  @Test
  void aPrimedRunIsChargedFromTheStartOfItsRequest() {
    ClassLoadAttribution a = ClassLoadAttribution.of(List.of(
        "[30000000ns] software.amazon.awssdk.core.SdkClient source: x",
        "[300000000ns] software.amazon.awssdk.auth.credentials.internal.Foo source: x",
        "[350000000ns] com.fasterxml.jackson.core.Json source: x"), 280, 400, ClassLoadAttribution.BEFORE_REQUEST);

    assertThat(a.top(3, ClassLoadAttribution.BEFORE_REQUEST))
        .isEqualTo("Jackson 50 ms (1 classes), code after the last class load 50 ms, AWS SDK for Java v2 20 ms (1 classes)");
  }
}
