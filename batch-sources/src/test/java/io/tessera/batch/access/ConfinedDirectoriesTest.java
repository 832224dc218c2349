package io.tessera.batch.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.batch.access.AccessRefusedException.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfinedDirectoriesTest {

  @TempDir Path tmp;
  private Path root;
  private Path outside;
  private ConfinedDirectories dirs;

  @BeforeEach
  void setUp() throws Exception {
    root = tmp.resolve("root").toAbsolutePath();
    outside = Files.createDirectories(tmp.resolve("outside")).toRealPath();
    Files.writeString(outside.resolve("secret.csv"), "a\n1\n");
    dirs = ConfinedDirectories.of("spine", "tessera.test.dirs", List.of(root));
    root = root.toRealPath();
    Files.writeString(root.resolve("spine.csv"), "a\n1\n");
  }

  @Test
  void readsAFileUnderTheDirectoryByAbsoluteOrRelativePathOrFileUri() {
    Path spine = root.resolve("spine.csv");

    assertThat(dirs.existingFile(spine)).isEqualTo(spine);
    assertThat(dirs.existingFile(Path.of("spine.csv"))).isEqualTo(spine);
    assertThat(dirs.existingFile(ConfinedDirectories.parse(spine.toUri().toString(), "spine")))
        .isEqualTo(spine);
  }

  @Test
  void refusesDotDotEvenWhenItWouldStayInside() {
    assertRefused(() -> dirs.existingFile(root.resolve("sub/../spine.csv")), Reason.INVALID);
    assertRefused(() -> dirs.existingFile(Path.of("../outside/secret.csv")), Reason.INVALID);
    assertRefused(
        () ->
            dirs.existingFile(
                ConfinedDirectories.parse("file:" + root + "/../outside/secret.csv", "spine")),
        Reason.INVALID);
  }

  @Test
  void refusesAbsolutePathsOutsideAndSaysSoWithoutSayingWhetherTheyExist() {
    assertRefused(() -> dirs.existingFile(Path.of("/etc/passwd")), Reason.FORBIDDEN);
    assertRefused(() -> dirs.existingFile(Path.of("/etc/no-such-file")), Reason.FORBIDDEN);
    assertRefused(() -> dirs.existingFile(outside.resolve("secret.csv")), Reason.FORBIDDEN);
  }

  @Test
  void refusesASymbolicLinkThatLeadsOut() throws Exception {
    Path link = Files.createSymbolicLink(root.resolve("link.csv"), outside.resolve("secret.csv"));
    Path linkedDir = Files.createSymbolicLink(root.resolve("linked"), outside);

    assertRefused(() -> dirs.existingFile(link), Reason.FORBIDDEN);
    assertRefused(() -> dirs.existingFile(linkedDir.resolve("secret.csv")), Reason.FORBIDDEN);
    assertRefused(() -> dirs.newFile(linkedDir.resolve("out.csv"), true), Reason.FORBIDDEN);
    assertRefused(() -> dirs.newFile(link, true), Reason.FORBIDDEN);
  }

  @Test
  void followsALinkThatStaysInside() throws Exception {
    Path link = Files.createSymbolicLink(root.resolve("alias.csv"), root.resolve("spine.csv"));

    assertThat(dirs.existingFile(link)).isEqualTo(root.resolve("spine.csv"));
  }

  @Test
  void writesNewFilesInsideAndInNewSubdirectories() {
    assertThat(dirs.newFile(Path.of("out.parquet"), false)).isEqualTo(root.resolve("out.parquet"));
    assertThat(dirs.newFile(root.resolve("a/b/out.csv"), false))
        .isEqualTo(root.resolve("a/b/out.csv"));
    assertRefused(() -> dirs.newFile(outside.resolve("new/out.csv"), false), Reason.FORBIDDEN);
    assertRefused(() -> dirs.newFile(Path.of("/out.csv"), false), Reason.FORBIDDEN);
  }

  @Test
  void replacesAnExistingFileOnlyWhenAsked() {
    Path existing = root.resolve("spine.csv");

    assertRefused(() -> dirs.newFile(existing, false), Reason.INVALID);
    assertThat(dirs.newFile(existing, true)).isEqualTo(existing);
  }

  @Test
  void refusesOtherSchemesQuotesAndMissingFiles() {
    assertRefused(
        () -> ConfinedDirectories.parse("s3://bucket/spine.csv", "spine"), Reason.INVALID);
    assertRefused(() -> dirs.existingFile(root.resolve("it's.csv")), Reason.INVALID);
    assertRefused(() -> dirs.existingFile(root.resolve("missing.csv")), Reason.INVALID);
  }

  @Test
  void withNoDirectoryConfiguredEverythingIsRefused() {
    ConfinedDirectories none =
        ConfinedDirectories.of("batch-source", "tessera.test.none", List.of());

    assertRefused(() -> none.existingFile(root.resolve("spine.csv")), Reason.FORBIDDEN);
    assertRefused(() -> none.pattern(root.resolve("*.csv")), Reason.FORBIDDEN);
  }

  @Test
  void aGlobsFixedPartMustBeInside() {
    assertThat(dirs.pattern(root.resolve("date=*/*.csv"))).isEqualTo(root.resolve("date=*/*.csv"));
    assertRefused(() -> dirs.pattern(Path.of("/etc/*")), Reason.FORBIDDEN);
    assertRefused(() -> dirs.pattern(root.resolve("*/../../outside/*.csv")), Reason.INVALID);
  }

  private static void assertRefused(Runnable call, Reason reason) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            AccessRefusedException.class,
            e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason));
  }
}
