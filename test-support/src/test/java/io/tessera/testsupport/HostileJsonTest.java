package io.tessera.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostileJsonTest {

  @Test
  void everyValueNestedOrNotIsReplacedByEveryEdgeValueAndNothingElseChanges() {
    List<String> bodies =
        HostileJson.everyMemberAtItsEdges("{\"a\": {\"b\": [1, \"x\"]}, \"c\": 2}");

    assertThat(bodies)
        .contains(
            "{\"a\":null,\"c\":2}",
            "{\"a\":{\"b\":null},\"c\":2}",
            "{\"a\":{\"b\":[null,\"x\"]},\"c\":2}",
            "{\"a\":{\"b\":[1,[\"x\", null]]},\"c\":2}",
            "{\"a\":{\"b\":[1,\"x\"]},\"c\":1e309}",
            "{\"features\": [null]}");
    assertThat(bodies).noneMatch(body -> body.contains("edge"));
  }
}
