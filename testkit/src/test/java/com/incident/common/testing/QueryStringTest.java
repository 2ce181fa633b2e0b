package com.incident.common.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class QueryStringTest {
  @Test
  void noQueryAndAnEmptyQueryHaveNoNames() {
    assertThat(QueryString.parse(null).values()).isEmpty();
    assertThat(QueryString.parse("").values()).isEmpty();
    assertThat(QueryString.parse("&&").values()).isEmpty();
    assertThat(QueryString.parse(null).get("container")).isNull();
    assertThat(QueryString.parse(null).getOrDefault("previous", "false")).isEqualTo("false");
  }

  @Test
  void aRepeatedNameKeepsEveryValueInOrderAndGetGivesTheFirst() {
    QueryString q = QueryString.parse("tag=env:prod&limit=5&tag=team:sre");

    assertThat(q.all("tag")).containsExactly("env:prod", "team:sre");
    assertThat(q.get("tag")).isEqualTo("env:prod");
    assertThat(q.get("limit")).isEqualTo("5");
    assertThat(q.all("missing")).isEmpty();
  }

  @Test
  void percentEncodingIsDecodedAsUtf8InNamesAndValues() {
    QueryString q = QueryString.parse("query=avg%3Akubernetes.cpu.usage%7Bpod%3Aweb%7D&%EC%9D%B4%EB%A6%84=%ED%8C%8C%EB%93%9C");

    assertThat(q.get("query")).isEqualTo("avg:kubernetes.cpu.usage{pod:web}");
    assertThat(q.get("이름")).isEqualTo("파드");
  }

  @Test
  void plusIsASpaceAndAnEncodedPlusIsAPlus() {
    QueryString q = QueryString.parse("q=a+b&sum=1%2B1");

    assertThat(q.get("q")).isEqualTo("a b");
    assertThat(q.get("sum")).isEqualTo("1+1");
  }

  @Test
  void aNameWithoutValueIsPresentAndEmptyAndAPairWithoutNameIsDropped() {
    QueryString q = QueryString.parse("follow&=orphan&tailLines=");

    assertThat(q.has("follow")).isTrue();
    assertThat(q.get("follow")).isEmpty();
    assertThat(q.get("tailLines")).isEmpty();
    assertThat(q.values()).containsOnlyKeys("follow", "tailLines");
  }

  @Test
  void theValuesCannotBeChangedAfterParsing() {
    QueryString q = QueryString.parse("a=1");

    assertThat(q.values().get("a")).isEqualTo(List.of("1"));
    assertThatThrownBy(() -> q.values().get("a").add("2"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
