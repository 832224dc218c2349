package io.tessera.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The module boundaries of the platform, checked on the compiled main classes of every module.
 *
 * <p>Services talk to each other only through Kafka topics and Cassandra tables, never by calling
 * each other's code; the core libraries stay plain Java, so that streaming, backfill, serving and
 * tools run the very same code without a Spring context.
 */
@AnalyzeClasses(packages = "io.tessera", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBoundariesTest {

  private static final String[] SERVICES = {
    "io.tessera.registry..",
    "io.tessera.ingest..",
    "io.tessera.aggregation..",
    "io.tessera.serving.."
  };

  @ArchTest static final ArchRule registryImportsNoOtherService = serviceImportsNoOtherService(0);

  @ArchTest static final ArchRule ingestImportsNoOtherService = serviceImportsNoOtherService(1);

  @ArchTest
  static final ArchRule aggregationImportsNoOtherService = serviceImportsNoOtherService(2);

  @ArchTest static final ArchRule servingImportsNoOtherService = serviceImportsNoOtherService(3);

  /**
   * The plain-Java libraries: definitions, engine, wire records, the registry client, the Cassandra
   * storage layout, the streaming core (which aggregation, serving and backfill all use), the two
   * halves of backfill: the batch-source reader (backfill's and training's) and the writer, and
   * training, which a service hosts without the library knowing which.
   */
  private static final String[] CORE_LIBRARIES = {
    "io.tessera.batch..",
    "io.tessera.definitions..",
    "io.tessera.engine..",
    "io.tessera.records..",
    "io.tessera.registryclient..",
    "io.tessera.storage..",
    "io.tessera.streamcore..",
    "io.tessera.backfill..",
    "io.tessera.training.."
  };

  @ArchTest
  static final ArchRule coreLibrariesImportNoSpring =
      noClasses()
          .that()
          .resideInAnyPackage(CORE_LIBRARIES)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.springframework..")
          .because("the core libraries are plain Java, shared by services, backfill and tools");

  @ArchTest
  static final ArchRule coreLibrariesImportNoService =
      noClasses()
          .that()
          .resideInAnyPackage(CORE_LIBRARIES)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(SERVICES)
          .because("services depend on the libraries, never the other way round");

  @ArchTest
  static final ArchRule definitionsDoNotDependOnTheEngine =
      noClasses()
          .that()
          .resideInAPackage("io.tessera.definitions..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.tessera.engine..")
          .because("the definition language is the bottom layer; the engine implements it");

  /**
   * Training is its own module: it reaches serving only through its ports ({@code ServedReads},
   * {@code FeatureResolver}), so it can leave serving's process without a change. Spelled out
   * although {@link #coreLibrariesImportNoService} implies it, because this is the one library a
   * service hosts.
   */
  @ArchTest
  static final ArchRule trainingDoesNotDependOnServing =
      noClasses()
          .that()
          .resideInAPackage("io.tessera.training..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.tessera.serving..")
          .because("serving answers training's ports; training never calls serving's code");

  /**
   * Serving holds no training logic: spines, outputs and batch-source reads (what DuckDB and JDBC
   * are for) are the training module's.
   */
  @ArchTest
  static final ArchRule servingReadsNoSpineOutputOrBatchSource =
      noClasses()
          .that()
          .resideInAPackage("io.tessera.serving..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.duckdb..", "java.sql..", "io.tessera.batch.read..")
          .because("reading spines and batch sources and writing outputs is the training module's");

  /**
   * Only the endpoint's package, {@code io.tessera.serving.training} (controller, settings, the
   * adapters of training's ports), touches the training module: serving's read path runs none of
   * it.
   */
  @ArchTest
  static final ArchRule onlyTheTrainingEndpointUsesTheTrainingModule =
      noClasses()
          .that()
          .resideInAPackage("io.tessera.serving..")
          .and()
          .resideOutsideOfPackage("io.tessera.serving.training..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.tessera.training..")
          .because(
              "the training endpoint and its adapters host the module, nothing else of serving");

  private static ArchRule serviceImportsNoOtherService(int self) {
    String[] others = new String[SERVICES.length - 1];
    for (int i = 0, j = 0; i < SERVICES.length; i++) {
      if (i != self) {
        others[j++] = SERVICES[i];
      }
    }
    return noClasses()
        .that()
        .resideInAPackage(SERVICES[self])
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(others)
        .because("services talk through Kafka topics and Cassandra tables, not through code");
  }
}
