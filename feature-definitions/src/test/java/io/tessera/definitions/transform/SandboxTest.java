package io.tessera.definitions.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.definitions.ViewFixtures;
import io.tessera.definitions.view.FeatureView;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

/** Expressions cannot reach Java classes, files or the network, and their size is bounded. */
class SandboxTest {

  private static List<ExpressionError> errorsOf(String expression) {
    ObjectNode json = ViewFixtures.transactions();
    ((ObjectNode) json.get("transformation").get("derived")).put("probe", expression);
    FeatureView view =
        io.tessera.definitions.json.DefinitionJson.readView(json.toString()).orThrow();
    return TransformationCompiler.compile(view).errors();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "java.lang.Runtime.getRuntime().exec('touch /tmp/pwned')",
        "java.lang.System.getenv('HOME')",
        "T(java.lang.Runtime).getRuntime()",
        "Class.forName('java.lang.Runtime')",
        "''.getClass().forName('java.lang.Runtime')",
        "merchant.getClass()",
        "readFile('/etc/passwd')",
        "file('/etc/passwd').read()",
        "new java.io.File('/etc/passwd')",
        "http.get('http://169.254.169.254/latest/meta-data/')",
        "url('http://example.com').open()",
        "net.Socket('example.com', 80)",
        "import('os')",
        "exec('ls')",
        "env.HOME",
      })
  void cannotReachJavaClassesFilesOrTheNetwork(String expression) {
    assertThat(errorsOf(expression))
        .singleElement()
        .satisfies(error -> assertThat(error.message()).contains("does not compile"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[1, 2, 3].map(x, x * 1000000).size()",
        "[1, 2, 3].all(x, x > 0)",
        "[1, 2, 3].exists(x, x > 0)",
        "[1, 2, 3].filter(x, x > 1).size()",
        "has(merchant.name)"
      })
  void hasNoMacrosSoNoComprehensions(String expression) {
    assertThat(errorsOf(expression))
        .singleElement()
        .satisfies(e -> assertThat(e.message()).contains("does not compile"));
  }

  @Test
  void boundsTheSourceLength() {
    String longText = "'" + "a".repeat(ExpressionLimits.MAX_CODE_POINTS) + "'";
    assertThat(errorsOf(longText))
        .singleElement()
        .satisfies(e -> assertThat(e.message()).contains("is longer than 2048 characters"));
  }

  @Test
  void boundsTheNumberOfNodes() {
    String many = "1" + " + 1".repeat(ExpressionLimits.MAX_NODES);
    assertThat(many.length()).isLessThan(ExpressionLimits.MAX_CODE_POINTS);
    assertThat(errorsOf(many))
        .singleElement()
        .satisfies(e -> assertThat(e.message()).contains("does not compile"));
    assertThat(errorsOf("1" + " + 1".repeat(20))).isEmpty();
  }

  @Test
  void boundsTheNesting() {
    int depth = ExpressionLimits.MAX_NESTING + 5;
    String deep = "(".repeat(depth) + "1" + ")".repeat(depth);
    assertThat(errorsOf(deep))
        .singleElement()
        .satisfies(e -> assertThat(e.message()).contains("does not compile"));
  }

  @Test
  void typeValuesAreNotColumns() {
    assertThat(errorsOf("type(merchant)"))
        .singleElement()
        .satisfies(e -> assertThat(e.message()).contains("but a column is an int"));
  }

  @Test
  void aViewWithExpressionErrorsHasNoProgram() {
    ObjectNode json = ViewFixtures.transactions();
    ((ObjectNode) json.get("transformation")).put("filter", "exec('ls')");
    FeatureView view =
        io.tessera.definitions.json.DefinitionJson.readView(json.toString()).orThrow();
    TransformationCompilation compilation = TransformationCompiler.compile(view);
    assertThat(compilation.transformation()).isEmpty();
    assertThatThrownBy(compilation::orThrow)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("the filter does not compile");
    assertThat(compilation.derivedTypes()).containsKeys("amount_cents", "is_big");
  }

  @Test
  void evaluationSeesOnlyDeclaredColumns() {
    // A payload may carry anything; undeclared fields are invisible to expressions.
    CompiledTransformation transformation =
        TransformFixtures.compile(null, Map.of("m", "merchant"));
    Map<String, Object> payload = TransformFixtures.payment();
    payload.put("__proto__", "x");
    payload.put("getClass", "y");
    assertThat(transformation.apply(payload)).isInstanceOf(TransformResult.Success.class);
  }
}
