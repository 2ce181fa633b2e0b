package com.incident.common.tool.result;

import static org.assertj.core.api.Assertions.assertThat;

import com.incident.common.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ResultFitTest {
  record Page(List<String> lines, int omitted) {}

  private final List<String> built = new ArrayList<>();

  private Page page(List<String> lines, int n) {
    built.add("n=" + n);
    return new Page(lines.subList(0, n), lines.size() - n);
  }

  @Test
  void aResultThatFitsIsBuiltOnceWithEveryItem() {
    List<String> lines = List.of("a", "b", "c");

    Page p = ResultFit.largest(lines.size(), n -> page(lines, n));

    assertThat(p.lines()).containsExactly("a", "b", "c");
    assertThat(built).containsExactly("n=3");
  }

  @Test
  void tooManyItemsKeepTheLongestPrefixThatFitsAndCountTheRest() {
    List<String> lines = IntStream.range(0, 100).mapToObj(i -> i + "-" + "한".repeat(300)).toList();

    Page p = ResultFit.largest(lines.size(), n -> page(lines, n));

    int size = Json.write(p).getBytes(StandardCharsets.UTF_8).length;
    assertThat(size).isLessThanOrEqualTo(ResultFit.MAX_BYTES);
    assertThat(p.lines()).isNotEmpty().first().asString().startsWith("0-");
    assertThat(Json.write(page(lines, p.lines().size() + 1)).getBytes(StandardCharsets.UTF_8).length)
        .as("one more line would not fit").isGreaterThan(ResultFit.MAX_BYTES);
    assertThat(p.omitted()).isEqualTo(100 - p.lines().size());
  }

  @Test
  void whenNotEvenOneItemFitsTheResultListsNone() {
    List<String> lines = List.of("x".repeat(ResultFit.MAX_BYTES + 1));

    assertThat(ResultFit.largest(1, n -> page(lines, n)).lines()).isEmpty();
  }
}
