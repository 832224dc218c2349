package io.tessera.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.registry.RegistryHttp.Response;
import io.tessera.testsupport.LocalStack;
import io.tessera.testsupport.RealStackTest;
import io.tessera.testsupport.TestApiKeys;
import io.tessera.testsupport.TokenIssuer;
import io.tessera.testsupport.UniqueNames;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The HTTP API against real Cassandra and Kafka: writes, reads, versions, errors, auth. */
@RealStackTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RegistryApiIT {

  private static final String TABLES = UniqueNames.of("registry_api") + "_";
  private static final String VIEWS = "/api/v1/feature-views";
  private static final String SERVICES = "/api/v1/feature-services";

  private static final TokenIssuer ISSUER = TokenIssuer.start();

  @LocalServerPort private int port;
  private RegistryHttp http;

  @DynamicPropertySource
  static void isolate(DynamicPropertyRegistry registry) {
    registry.add("spring.cassandra.keyspace-name", () -> LocalStack.TEST_KEYSPACE);
    registry.add("tessera.registry.table-prefix", () -> TABLES);
    RegistryTopics.unique("registry_api_it")
        .forEach((name, value) -> registry.add(name, () -> value));
    registry.add("tessera.security.api-keys", () -> TestApiKeys.CONFIGURED);
    ISSUER.properties().forEach((name, value) -> registry.add(name, () -> value));
    registry.add("tessera.registry.max-body-size", () -> "64KB");
  }

  @AfterAll
  static void dropTables() {
    RegistryTables.drop(TABLES);
    ISSUER.close();
  }

  @BeforeEach
  void client() {
    http = new RegistryHttp(port);
  }

  @Test
  void createsTheFirstVersionAndRecordsWhoRegisteredIt() {
    String name = UniqueNames.of("view");

    Response created = http.put(VIEWS + "/" + name, Bodies.view(name, "risk", "a"));

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    JsonNode body = created.json();
    assertThat(body.get("version").asInt()).isEqualTo(1);
    assertThat(body.get("created").asBoolean()).isTrue();
    assertThat(body.get("changeKind").asString()).isEqualTo("CREATED");
    assertThat(body.get("contentHash").asString()).matches("[0-9a-f]{64}");
    assertThat(body.get("registeredBy").asString()).isEqualTo("ci");
    assertThat(created.header("Location")).endsWith(VIEWS + "/" + name + "?version=1");

    JsonNode read = http.get(VIEWS + "/" + name).json();
    assertThat(read.get("version").asInt()).isEqualTo(1);
    assertThat(read.get("registeredBy").asString()).isEqualTo("ci");
    assertThat(read.at("/definition/allowedLateness").asString()).isEqualTo("5m"); // default
    assertThat(read.at("/definition/features/0/name").asString()).isEqualTo("spend");
  }

  @Test
  void theSameContentAgainIsTheSameVersion() {
    String name = UniqueNames.of("view");
    Response first = http.put(VIEWS + "/" + name, Bodies.view(name, "risk", "a"));
    // same content: other field order, no name in the body, 60m spelled for 1h
    String respelled =
        Bodies.view(name, "risk", "a", "60m", "txn_count", "")
            .replace("\"name\": \"" + name + "\", ", "");

    Response again = http.put(VIEWS + "/" + name, respelled);

    assertThat(again.status()).as(again.toString()).isEqualTo(200);
    assertThat(again.json().get("created").asBoolean()).isFalse();
    assertThat(again.json().get("version").asInt()).isEqualTo(1);
    assertThat(again.json().get("contentHash")).isEqualTo(first.json().get("contentHash"));
    assertThat(http.get(VIEWS + "/" + name + "/versions").json().get("versions").size())
        .isEqualTo(1);
  }

  @Test
  void aChangedBodyIsANewVersionThatSaysWhetherABackfillIsDue() {
    String name = UniqueNames.of("view");
    http.put(VIEWS + "/" + name, Bodies.view(name, "risk", "a"));

    Response metadata =
        http.put(
            VIEWS + "/" + name, Bodies.view(name, "risk", "a", "1h", "txn_count", "now with text"));
    Response semantic =
        http.put(
            VIEWS + "/" + name, Bodies.view(name, "risk", "a", "2h", "txn_count", "now with text"));

    assertThat(metadata.status()).as(metadata.toString()).isEqualTo(201);
    assertThat(metadata.json().get("version").asInt()).isEqualTo(2);
    assertThat(metadata.json().get("previousVersion").asInt()).isEqualTo(1);
    assertThat(metadata.json().get("changeKind").asString()).isEqualTo("METADATA_ONLY");
    assertThat(metadata.json().get("backfillDue").asBoolean()).isFalse();
    assertThat(metadata.json().get("tilesStayValid").asBoolean()).isTrue();
    assertThat(metadata.json().at("/changedPaths/0/path").asString()).isEqualTo("$.description");

    assertThat(semantic.status()).isEqualTo(201);
    assertThat(semantic.json().get("version").asInt()).isEqualTo(3);
    assertThat(semantic.json().get("changeKind").asString()).isEqualTo("SEMANTIC");
    assertThat(semantic.json().get("backfillDue").asBoolean()).isTrue();
    assertThat(semantic.json().get("tilesStayValid").asBoolean()).isFalse();
    assertThat(semantic.json().at("/changedPaths/0/path").asString())
        .isEqualTo("$.features[?(@.name=='spend')].windows");

    assertThat(http.get(VIEWS + "/" + name).json().get("version").asInt()).isEqualTo(3);
    assertThat(
            http.get(VIEWS + "/" + name + "?version=1")
                .json()
                .at("/definition/description")
                .asString())
        .isEmpty();
    JsonNode versions = http.get(VIEWS + "/" + name + "/versions").json().get("versions");
    assertThat(versions.size()).isEqualTo(3);
    assertThat(versions.get(0).get("version").asInt()).isEqualTo(3);
  }

  @Test
  void rejectsAnInvalidBodyListingEveryProblemWithItsPath() {
    String name = UniqueNames.of("view");
    String invalid =
        Bodies.view(name, "risk", "a")
            .replace("\"input\": \"amount\"", "\"input\": \"amont\"")
            .replace("\"function\": \"count\"", "\"function\": \"kount\"")
            .replace("\"entity\": \"user_id\"", "\"entity\": \"user_id\", \"colour\": 1");

    Response rejected = http.put(VIEWS + "/" + name, invalid);

    assertThat(rejected.status()).as(rejected.toString()).isEqualTo(422);
    assertThat(rejected.contentType()).startsWith("application/problem+json");
    assertThat(rejected.json().get("status").asInt()).isEqualTo(422);
    List<String> paths = new ArrayList<>();
    rejected.json().get("errors").forEach(error -> paths.add(error.get("path").asString()));
    assertThat(paths)
        .contains("$.colour", "$.features[0].input", "$.features[1].function")
        .hasSizeGreaterThanOrEqualTo(3);
    assertThat(http.get(VIEWS + "/" + name).status()).isEqualTo(404);
  }

  @Test
  void aNameInTheBodyMustMatchTheUrl() {
    String name = UniqueNames.of("view");

    Response mismatch = http.put(VIEWS + "/" + name, Bodies.view("other_name", "risk", "a"));

    assertThat(mismatch.status()).isEqualTo(422);
    assertThat(mismatch.json().at("/errors/0/path").asString()).isEqualTo("$.name");
  }

  @Test
  void everyWriteNeedsACredentialWithScopeWriteWhileReadsAndValidationStayOpen() {
    String name = UniqueNames.of("view");
    String body = Bodies.view(name, "risk", "a");
    String path = VIEWS + "/" + name;

    for (String key : new String[] {null, "tsk_not_a_key"}) {
      Response put = http.send(write(path, key).PUT(HttpRequest.BodyPublishers.ofString(body)));
      Response dryRun =
          http.send(
              write(path + "?dryRun=true", key).PUT(HttpRequest.BodyPublishers.ofString(body)));
      Response delete = http.send(write(path, key).DELETE());
      for (Response refused : List.of(put, dryRun, delete)) {
        assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
        assertThat(refused.header("WWW-Authenticate")).startsWith("Bearer realm=\"tessera\"");
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("status").asInt()).isEqualTo(401);
      }
    }
    for (String key : new String[] {TestApiKeys.READ, TestApiKeys.METRICS}) {
      Response put = http.send(write(path, key).PUT(HttpRequest.BodyPublishers.ofString(body)));
      Response delete = http.send(write(path, key).DELETE());
      for (Response refused : List.of(put, delete)) {
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.header("WWW-Authenticate")).contains("error=\"insufficient_scope\"");
        assertThat(refused.json().get("requiredScope").asString()).isEqualTo("write");
      }
    }
    assertThat(http.get(path).status()).isEqualTo(404);
    assertThat(http.post(VIEWS + ":validate", body).status()).isEqualTo(200);
    assertThat(http.post(SERVICES + ":validate", Bodies.service("s", name + ":spend")).status())
        .isEqualTo(200);

    Response writer =
        http.send(write(path, TestApiKeys.WRITE).PUT(HttpRequest.BodyPublishers.ofString(body)));
    assertThat(writer.status()).as(writer.toString()).isEqualTo(201);
    assertThat(writer.json().get("registeredBy").asString()).isEqualTo("writer");
    assertThat(http.get(path).status()).isEqualTo(200);
  }

  @Test
  void aTokensSubjectIsRecordedAsWhoRegisteredAndDeleted() throws InterruptedException {
    String name = UniqueNames.of("view");
    String token = ISSUER.token("alice@risk", "tessera-unrelated write");
    HttpRequest.Builder put =
        write(VIEWS + "/" + name, token)
            .PUT(HttpRequest.BodyPublishers.ofString(Bodies.view(name, "risk", "a")));
    Response created = http.send(put);
    for (int i = 0; i < 200 && created.status() == 401; i++) {
      Thread.sleep(100); // the issuer's keys load in the background
      created = http.send(put);
    }

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.json().get("registeredBy").asString()).isEqualTo("alice@risk");
    assertThat(http.send(write(VIEWS + "/" + name, ISSUER.token("bob", "read")).DELETE()).status())
        .isEqualTo(403);
    assertThat(
            http.send(
                    write(VIEWS + "/" + name, ISSUER.expiredToken("alice@risk", "write")).DELETE())
                .status())
        .isEqualTo(401);
    Response deleted = http.send(write(VIEWS + "/" + name, token).DELETE());
    assertThat(deleted.json().get("deletedBy").asString()).isEqualTo("alice@risk");
  }

  private HttpRequest.Builder write(String path, String credential) {
    HttpRequest.Builder request = http.request(path).header("Content-Type", "application/json");
    return credential == null
        ? request
        : request.header("Authorization", TestApiKeys.bearer(credential));
  }

  @Test
  void deleteIsATombstoneThatKeepsHistoryAndALaterPutRevivesTheName() {
    String name = UniqueNames.of("view");
    http.put(VIEWS + "/" + name, Bodies.view(name, "risk", "a"));

    Response deleted = http.delete(VIEWS + "/" + name);

    assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
    assertThat(deleted.json().get("deletedThroughVersion").asInt()).isEqualTo(1);
    assertThat(deleted.json().get("deletedBy").asString()).isEqualTo("ci");
    assertThat(http.get(VIEWS + "/" + name).status()).isEqualTo(404);
    Response old = http.get(VIEWS + "/" + name + "?version=1");
    assertThat(old.status()).isEqualTo(200);
    assertThat(old.json().get("deleted").asBoolean()).isTrue();
    assertThat(http.get(VIEWS + "?owner=risk&tag=team:a").json().toString()).doesNotContain(name);
    String service = UniqueNames.of("svc");
    assertThat(
            http.put(SERVICES + "/" + service, Bodies.service(service, name + ":spend")).status())
        .isEqualTo(422);
    assertThat(http.delete(VIEWS + "/" + name).status()).isEqualTo(200);

    Response revived = http.put(VIEWS + "/" + name, Bodies.view(name, "risk", "a"));
    assertThat(revived.status()).isEqualTo(201);
    assertThat(revived.json().get("version").asInt()).isEqualTo(2);
    assertThat(http.get(VIEWS + "/" + name).json().get("deleted").asBoolean()).isFalse();
    assertThat(http.delete(VIEWS + "/" + UniqueNames.of("never")).status()).isEqualTo(404);
  }

  @Test
  void aFeatureServiceMayPinAnOldVersionButNotNameWhatDoesNotExist() {
    String view = UniqueNames.of("view");
    http.put(VIEWS + "/" + view, Bodies.view(view, "risk", "a"));
    http.put(VIEWS + "/" + view, Bodies.view(view, "risk", "a", "1h", "purchases", ""));
    String service = UniqueNames.of("svc");

    Response pinned =
        http.put(
            SERVICES + "/" + service,
            Bodies.service(service, view + "@1:txn_count", view + ":purchases"));
    Response missing =
        http.put(
            SERVICES + "/" + service,
            Bodies.service(service, view + ":txn_count", view + "@7:spend", "no_such_view:spend"));

    assertThat(pinned.status()).as(pinned.toString()).isEqualTo(201);
    assertThat(http.get(SERVICES + "/" + service).json().at("/definition/features/0").asString())
        .isEqualTo(view + "@1:txn_count");
    assertThat(missing.status()).as(missing.toString()).isEqualTo(422);
    List<String> paths = new ArrayList<>();
    missing.json().get("errors").forEach(error -> paths.add(error.get("path").asString()));
    assertThat(paths).containsExactly("$.features[0]", "$.features[1]", "$.features[2]");
  }

  @Test
  void refusesMalformedJsonWrongContentTypesAndOversizedBodiesWithProblems() {
    String path = VIEWS + "/" + UniqueNames.of("view");

    Response malformed = http.put(path, "{\"name\": ");
    Response empty = http.put(path, "");
    Response text =
        http.send(
            http.request(path)
                .header("Authorization", "Bearer " + RegistryHttp.KEY)
                .header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofString("{}")));
    String huge = "{\"description\": \"" + "x".repeat(70_000) + "\"}";
    Response tooLarge = http.put(path, huge);
    Response tooLargeChunked =
        http.send(
            http.request(path)
                .header("Authorization", "Bearer " + RegistryHttp.KEY)
                .header("Content-Type", "application/json")
                .PUT(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(huge.getBytes()))));

    assertThat(malformed.status()).as(malformed.toString()).isEqualTo(400);
    assertThat(malformed.contentType()).startsWith("application/problem+json");
    assertThat(empty.status()).as(empty.toString()).isEqualTo(400);
    assertThat(text.status()).as(text.toString()).isEqualTo(415);
    assertThat(text.contentType()).startsWith("application/problem+json");
    assertThat(tooLarge.status()).as(tooLarge.toString()).isEqualTo(413);
    assertThat(tooLarge.contentType()).startsWith("application/problem+json");
    assertThat(tooLargeChunked.status()).as(tooLargeChunked.toString()).isEqualTo(413);
    assertThat(http.get(VIEWS + "/x?version=abc").status()).isEqualTo(400);
  }

  @Test
  void aDryRunPlansWithoutStoring() {
    String name = UniqueNames.of("view");
    http.put(VIEWS + "/" + name, Bodies.view(name, "risk", "a"));
    String changed = Bodies.view(name, "risk", "a", "1d", "txn_count", "");

    Response dryRun = http.put(VIEWS + "/" + name + "?dryRun=true", changed);
    Response validate = http.post(VIEWS + ":validate", changed);
    Response invalid = http.post(VIEWS + ":validate", "{\"name\": \"Bad Name\"}");

    assertThat(dryRun.status()).as(dryRun.toString()).isEqualTo(200);
    assertThat(dryRun.json().get("valid").asBoolean()).isTrue();
    assertThat(dryRun.json().at("/plan/createsVersion").asBoolean()).isTrue();
    assertThat(dryRun.json().at("/plan/version").asInt()).isEqualTo(2);
    assertThat(dryRun.json().at("/plan/backfillDue").asBoolean()).isTrue();
    assertThat(dryRun.json().at("/plan/tilesStayValid").asBoolean()).isFalse();
    assertThat(validate.json().get("plan")).isEqualTo(dryRun.json().get("plan"));
    assertThat(invalid.status()).isEqualTo(200);
    assertThat(invalid.json().get("valid").asBoolean()).isFalse();
    assertThat(invalid.json().get("errors").size()).isGreaterThan(1);
    assertThat(http.get(VIEWS + "/" + name).json().get("version").asInt()).isEqualTo(1);
  }

  @Test
  void listsLiveViewsFilteredByOwnerAndTagPageByPage() {
    String team = UniqueNames.of("team");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String name = UniqueNames.of("view");
      names.add(name);
      http.put(VIEWS + "/" + name, Bodies.view(name, "owner_" + team, team));
    }
    String other = UniqueNames.of("view");
    http.put(VIEWS + "/" + other, Bodies.view(other, "someone_else", team));

    JsonNode page0 =
        http.get(VIEWS + "?owner=owner_" + team + "&tag=team:" + team + "&size=2").json();
    JsonNode page1 =
        http.get(VIEWS + "?owner=owner_" + team + "&tag=team:" + team + "&size=2&page=1").json();

    assertThat(page0.get("total").asInt()).isEqualTo(3);
    assertThat(page0.get("items").size()).isEqualTo(2);
    assertThat(page1.get("items").size()).isEqualTo(1);
    List<String> listed = new ArrayList<>();
    page0.get("items").forEach(item -> listed.add(item.get("name").asString()));
    page1.get("items").forEach(item -> listed.add(item.get("name").asString()));
    assertThat(listed).containsExactlyInAnyOrderElementsOf(names);
    assertThat(http.get(VIEWS + "?tag=team:" + team).json().get("total").asInt()).isEqualTo(4);
    assertThat(http.get(VIEWS + "?tag=oops").status()).isEqualTo(400);
    assertThat(http.get(VIEWS + "?size=100000").status()).isEqualTo(400);
  }

  @Test
  void concurrentWritesOfOneNameNeverShareAVersionNumber() throws Exception {
    String name = UniqueNames.of("view");
    int writers = 6;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<Response>> responses = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        String body = Bodies.view(name, "risk", "a", "1h", "txn_count", "writer " + i);
        responses.add(pool.submit(() -> http.put(VIEWS + "/" + name, body)));
      }
      List<Integer> versions = new ArrayList<>();
      for (Future<Response> response : responses) {
        assertThat(response.get().status()).as(response.get().toString()).isEqualTo(201);
        versions.add(response.get().json().get("version").asInt());
      }
      assertThat(versions).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void documentsEveryEndpointWithAnExamplePerSourceKind() {
    Response docs = http.get("/v3/api-docs");

    assertThat(docs.status()).isEqualTo(200);
    JsonNode paths = docs.json().get("paths");
    assertThat(paths.has(VIEWS + "/{name}")).isTrue();
    assertThat(paths.has(VIEWS + ":validate")).isTrue();
    assertThat(paths.has(VIEWS + "/{name}/versions")).isTrue();
    assertThat(paths.has(SERVICES + "/{name}")).isTrue();
    assertThat(paths.has(SERVICES + ":validate")).isTrue();
    JsonNode examples =
        paths.at(
            "/"
                + (VIEWS + "/{name}").replace("/", "~1")
                + "/put/requestBody/content/application~1json/examples");
    assertThat(examples.propertyNames())
        .contains(
            "view-kafka-parquet",
            "view-kinesis-jdbc-query",
            "view-kafka-csv",
            "view-kinesis-jsonl",
            "view-kafka-jdbc-table");
    assertThat(examples.at("/view-kinesis-jdbc-query/value/source/type").asString())
        .isEqualTo("kinesis");
  }
}
