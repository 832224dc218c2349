package io.tessera.engine.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.definitions.feature.AggregationKind;
import io.tessera.definitions.feature.ValueType;
import io.tessera.definitions.json.DefinitionJson;
import io.tessera.definitions.view.FeatureView;
import io.tessera.definitions.window.WindowSpec;
import io.tessera.engine.function.FunctionParams;
import org.junit.jupiter.api.Test;

class ViewSpecsTest {

  private static final String VIEW =
      """
      {"name": "user_txn", "entity": ["user_id"],
       "source": {"type": "kafka", "topic": "tx"},
       "schema": {"user_id": "string", "amount": "double", "merchant": "string", "ts": "long"},
       "eventTime": {"field": "ts", "format": "epoch_millis"},
       "transformation": {"derived": {"cents": "int(amount * 100.0)"}},
       "features": [
         {"name": "spend", "function": "sum", "input": "amount", "windows": ["1h", "7d"], "default": 0.0},
         {"name": "cents", "function": "sum", "input": "cents", "windows": ["1d"]},
         {"name": "n", "function": "count", "windows": ["lifetime"]},
         {"name": "merchants", "function": "count_distinct", "params": {"cap": 50}, "input": "merchant", "windows": ["1d"]},
         {"name": "p90", "function": "approx_percentile", "params": {"p": 0.9}, "input": "amount", "windows": ["1d"]}
       ],
       "resolutions": ["1h", "1m"]}
      """;

  @Test
  void translatesEveryFeatureInDeclaredOrderWithTypesParamsAndDefaults() {
    FeatureView view = DefinitionJson.readView(VIEW).orThrow();

    ViewSpec spec = ViewSpecs.of(view, "user_txn@2");

    assertThat(spec.name()).isEqualTo("user_txn@2");
    assertThat(spec.resolutions()).isEqualTo(view.resolutions());
    assertThat(spec.features())
        .extracting(FeatureSpec::name)
        .containsExactly("spend", "cents", "n", "merchants", "p90");
    FeatureSpec spend = spec.features().get(0);
    assertThat(spend.inputType()).isEqualTo(ValueType.DOUBLE);
    assertThat(spend.defaultValue()).isEqualTo(0.0);
    assertThat(spend.windows()).containsExactly(WindowSpec.parse("1h"), WindowSpec.parse("7d"));
    assertThat(spec.features().get(1).inputType()).isEqualTo(ValueType.LONG);
    assertThat(spec.features().get(2).column()).isNull();
    assertThat(spec.features().get(2).kind()).isEqualTo(AggregationKind.COUNT);
    assertThat(spec.features().get(3).params()).isEqualTo(FunctionParams.ofCap(50));
    assertThat(spec.features().get(4).params()).isEqualTo(FunctionParams.ofP(0.9));
    assertThat(new ViewAggregator(spec).size()).isEqualTo(5);
  }
}
