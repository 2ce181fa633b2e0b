package com.incident.tools.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.incident.tools.opensearch.LogSource.Bucket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RobustDetectorTest {
  static final Instant T0 = Instant.parse("2026-11-21T13:00:00Z");

  @Test
  void aBurstStandsOutEvenThoughItInflatesTheMean() {
    List<Bucket> series = counts(1, 0, 2, 1, 0, 1, 1, 2, 0, 1, 40, 55, 48, 1, 0);

    RobustDetector.Result r = RobustDetector.detect(series, true);

    assertThat(r.anomalies()).extracting(RobustDetector.Anomaly::value).containsExactly(40.0, 55.0, 48.0);
    assertThat(r.median()).isEqualTo(1.0);
  }

  @Test
  void oneStrayErrorOnASilentBaselineIsNotAnAnomaly() {
    assertThat(RobustDetector.detect(counts(0, 0, 0, 0, 0, 0, 1, 0, 0, 2, 0, 0), true).anomalies()).isEmpty();
  }

  @Test
  void countsFlagOnlyRisesWhileAveragesFlagBothDirections() {
    List<Bucket> dip = values(200, 201, 199, 200, 202, 198, 200, 20, 200);

    assertThat(RobustDetector.detect(dip, false).anomalies()).singleElement().satisfies(a -> assertThat(a.score()).isNegative());
    assertThat(RobustDetector.detect(counts(50, 51, 49, 50, 52, 48, 50, 0, 50), true).anomalies()).isEmpty();
  }

  @Test
  void tooFewPointsGiveNoVerdict() {
    RobustDetector.Result r = RobustDetector.detect(values(1, 100), false);

    assertThat(r.anomalies()).isEmpty();
    assertThat(r.points()).isEqualTo(2);
  }

  private static List<Bucket> counts(long... counts) {
    List<Bucket> out = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      out.add(new Bucket(T0.plusSeconds(60L * i), counts[i], null));
    }
    return out;
  }

  private static List<Bucket> values(double... values) {
    List<Bucket> out = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      out.add(new Bucket(T0.plusSeconds(60L * i), 1, values[i]));
    }
    return out;
  }
}
