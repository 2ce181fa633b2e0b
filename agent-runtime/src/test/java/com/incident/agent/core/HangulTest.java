package com.incident.agent.core;

import static com.incident.agent.core.Hangul.Particle.AND;
import static com.incident.agent.core.Hangul.Particle.DIRECTION;
import static com.incident.agent.core.Hangul.Particle.OBJECT;
import static com.incident.agent.core.Hangul.Particle.SUBJECT;
import static com.incident.agent.core.Hangul.Particle.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HangulTest {

  @Test
  void theParticleFollowsTheLastSyllable() {
    assertThat(Hangul.with("노드", SUBJECT)).isEqualTo("노드가");
    assertThat(Hangul.with("이미지", OBJECT)).isEqualTo("이미지를");
    assertThat(Hangul.with("리비전", OBJECT)).isEqualTo("리비전을");
    assertThat(Hangul.with("알람", TOPIC)).isEqualTo("알람은");
    assertThat(Hangul.with("메모리", AND)).isEqualTo("메모리와");
    assertThat(Hangul.with("이벤트 발생", AND)).isEqualTo("이벤트 발생과");
    assertThat(Hangul.with("레플리카 0", DIRECTION)).isEqualTo("레플리카 0으로");
    assertThat(Hangul.with("직전 리비전", DIRECTION)).isEqualTo("직전 리비전으로");
    assertThat(Hangul.with("파일", DIRECTION)).isEqualTo("파일로");
  }

  @Test
  void digitsAndLatinNamesAreReadAsKoreanSaysThem() {
    assertThat(Hangul.with("rev 5", SUBJECT)).isEqualTo("rev 5가");
    assertThat(Hangul.with("rev 7", SUBJECT)).isEqualTo("rev 7이");
    assertThat(Hangul.with("rev 7", DIRECTION)).isEqualTo("rev 7로");
    assertThat(Hangul.with("rev 6", DIRECTION)).isEqualTo("rev 6으로");
    assertThat(Hangul.with("80%", OBJECT)).isEqualTo("80%를");
    assertThat(Hangul.with("`default/catalog`", SUBJECT)).isEqualTo("`default/catalog`가");
    assertThat(Hangul.with("Deployment `default/checkout`", SUBJECT)).isEqualTo("Deployment `default/checkout`가");
    assertThat(Hangul.with("`cart-pvc`", TOPIC)).isEqualTo("`cart-pvc`는");
    assertThat(Hangul.with("`nginx`", SUBJECT)).isEqualTo("`nginx`가");
    assertThat(Hangul.with("`stress-ng` 컨테이너", SUBJECT)).isEqualTo("`stress-ng` 컨테이너가");
    assertThat(Hangul.with("`catalog-svc`", TOPIC)).isEqualTo("`catalog-svc`는");
    assertThat(Hangul.with("`order-cron`", SUBJECT)).isEqualTo("`order-cron`이");
  }
}
