package io.tessera.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScopeTest {

  @Test
  void adminImpliesEveryScope() {
    assertThat(Scope.ADMIN.implied()).isEqualTo(EnumSet.allOf(Scope.class));
  }

  @Test
  void writeDoesNotImplyRead() {
    assertThat(Scope.WRITE.implied()).containsExactly(Scope.WRITE);
    assertThat(Scope.closure(List.of(Scope.WRITE))).doesNotContain(Scope.READ);
  }

  @Test
  void readAndMetricsImplyOnlyThemselves() {
    assertThat(Scope.READ.implied()).containsExactly(Scope.READ);
    assertThat(Scope.METRICS.implied()).containsExactly(Scope.METRICS);
  }

  @Test
  void theClosureOfSeveralScopesIsTheUnionOfWhatEachImplies() {
    assertThat(Scope.closure(List.of(Scope.READ, Scope.WRITE)))
        .containsExactlyInAnyOrder(Scope.READ, Scope.WRITE);
    assertThat(Scope.closure(List.of(Scope.METRICS, Scope.ADMIN)))
        .isEqualTo(EnumSet.allOf(Scope.class));
  }

  @Test
  void labelsAreLowerCaseAndReadCaseInsensitively() {
    assertThat(Scope.WRITE.label()).isEqualTo("write");
    assertThat(Scope.WRITE.authority()).isEqualTo("SCOPE_write");
    assertThat(Scope.labelled(" Admin ")).contains(Scope.ADMIN);
    assertThat(Scope.labelled("superuser")).isEmpty();
  }
}
