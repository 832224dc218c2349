package io.tessera.deployment.compose;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Compose specification's JSON schema ({@code compose-spec/compose-spec.json} among the test
 * resources: where it comes from and its licence are in the README beside it).
 */
final class ComposeSpecification {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Schema SCHEMA = load();

  private ComposeSpecification() {}

  /** The schema's objections to a parsed compose document; empty when it conforms. */
  static List<Error> validate(ComposeFile compose) {
    String json = JSON.writeValueAsString(compose.document());
    return SCHEMA.validate(json, InputFormat.JSON);
  }

  /**
   * Draft 2019-09, as the schema declares, except that its draft-4 style {@code id} properties are
   * annotations (2019-09 names them {@code $id}; validators from Compose's own tool chain ignore
   * them too), so the schema's {@code $schema} is set aside for that one dialect.
   */
  private static Schema load() {
    ObjectNode schema;
    try (InputStream in =
        ComposeSpecification.class.getResourceAsStream("/compose-spec/compose-spec.json")) {
      schema = (ObjectNode) JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    schema.remove("$schema");
    Dialect dialect =
        Dialect.builder(Dialects.getDraft201909()).keyword(new NonValidationKeyword("id")).build();
    return SchemaRegistry.withDialect(dialect).getSchema(JSON.writeValueAsString(schema));
  }
}
