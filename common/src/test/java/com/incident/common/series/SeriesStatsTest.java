package com.incident.common.series;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SeriesStatsTest {
  static final Instant T0 = Instant.parse("2026-11-21T03:00:00Z");

  @Test
  void summarisesASpikeWithItsFirstCrossing() {
    SeriesStats s = SeriesStats.of(series(10, 12, 11, 85, 97, 99, 90), 80.0, Sparkline.WIDE).orElseThrow();

    assertThat(s.points()).isEqualTo(7);
    assertThat(s.min()).isEqualTo(10);
    assertThat(s.max()).isEqualTo(99);
    assertThat(s.maxAt()).isEqualTo(T0.plusSeconds(300));
    assertThat(s.avg()).isEqualTo(404.0 / 7);
    assertThat(s.p95()).isEqualTo(99);
    assertThat(s.first()).isEqualTo(10);
    assertThat(s.last()).isEqualTo(90);
    assertThat(s.crossedAt()).isEqualTo(T0.plusSeconds(180));
    assertThat(s.aboveAtStart()).isFalse();
    assertThat(s.pointsAbove()).isEqualTo(4);
    assertThat(s.sparkline()).isEqualTo("▁▁▁▇██▇");
  }

  @Test
  void p95IsTheNearestRankValue() {
    double[] hundred = IntStream.rangeClosed(1, 100).asDoubleStream().toArray();

    assertThat(SeriesStats.percentile(hundred, 95)).isEqualTo(95);
    assertThat(SeriesStats.percentile(new double[] {4, 1, 3, 2}, 95)).isEqualTo(4);
  }

  @Test
  void aSeriesAboveFromTheStartSaysSoAndOneNeverAboveHasNoCrossing() {
    assertThat(SeriesStats.of(series(90, 95), 80.0, Sparkline.WIDE).orElseThrow().aboveAtStart()).isTrue();
    SeriesStats calm = SeriesStats.of(series(10, 20), 80.0, Sparkline.WIDE).orElseThrow();
    assertThat(calm.crossedAt()).isNull();
    assertThat(calm.pointsAbove()).isZero();
  }

  @Test
  void anEmptySeriesHasNoStats() {
    assertThat(SeriesStats.of(List.of(), 80.0, Sparkline.WIDE)).isEmpty();
  }

  @Test
  void sparklinesKeepPeaksWhenBucketingAndStayFlatForConstantSeries() {
    double[] longSeries = new double[120];
    longSeries[61] = 100;

    String line = Sparkline.of(longSeries, 30);

    assertThat(line).hasSize(30).isEqualTo("▁".repeat(15) + "█" + "▁".repeat(14));
    assertThat(Sparkline.of(new double[] {5, 5, 5}, 30)).isEqualTo("▁▁▁");
  }

  private static List<SeriesPoint> series(double... values) {
    return IntStream.range(0, values.length).mapToObj(i -> new SeriesPoint(T0.plusSeconds(60L * i), values[i])).toList();
  }
}
