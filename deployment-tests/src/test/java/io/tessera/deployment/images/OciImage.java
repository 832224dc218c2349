package io.tessera.deployment.images;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An OCI image layout tarball: one image, read as a container engine loads it ({@code index.json}
 * to the manifest to the configuration and the layers, by digest).
 */
public final class OciImage {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Path blobs;
  private final String refName;
  private final JsonNode config;
  private final List<Path> layers = new ArrayList<>();
  private Map<String, Integer> modes; // read once: a scan decompresses every layer

  private OciImage(Path unpacked) throws IOException {
    this.blobs = unpacked.resolve("blobs");
    JsonNode index = read(unpacked.resolve("index.json"));
    JsonNode descriptor = index.get("manifests").get(0);
    this.refName =
        descriptor.path("annotations").path("org.opencontainers.image.ref.name").asString();
    JsonNode manifest = read(blob(descriptor.get("digest").asString()));
    this.config = read(blob(manifest.get("config").get("digest").asString()));
    for (JsonNode layer : manifest.get("layers")) {
      layers.add(blob(layer.get("digest").asString()));
    }
  }

  /** Unpacks {@code tarball} into {@code workDir} and reads it. */
  public static OciImage open(Path tarball, Path workDir) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(tarball))) {
      extract(in, workDir, false);
    }
    return new OciImage(workDir);
  }

  /** {@code tessera/serving-service:0.1.0}. */
  public String refName() {
    return refName;
  }

  /** The runtime configuration: {@code Entrypoint}, {@code Env}, {@code User}, ... */
  public JsonNode runtime() {
    return config.get("config");
  }

  public String architecture() {
    return config.get("architecture").asString() + "/" + config.get("os").asString();
  }

  public List<String> entrypoint() {
    List<String> entrypoint = new ArrayList<>();
    runtime().get("Entrypoint").forEach(part -> entrypoint.add(part.asString()));
    return entrypoint;
  }

  public Map<String, String> environment() {
    Map<String, String> environment = new LinkedHashMap<>();
    for (JsonNode entry : runtime().get("Env")) {
      String[] nameAndValue = entry.asString().split("=", 2);
      environment.put(nameAndValue[0], nameAndValue[1]);
    }
    return environment;
  }

  public Set<String> exposedPorts() {
    return new TreeSet<>(runtime().path("ExposedPorts").propertyNames());
  }

  /** Every file and directory of the image's file system with its mode, the last layer's wins. */
  public synchronized Map<String, Integer> modes() throws IOException {
    if (modes != null) {
      return modes;
    }
    modes = new LinkedHashMap<>();
    for (Path layer : layers) {
      try (TarArchiveInputStream tar = layer(layer)) {
        for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
          modes.put("/" + strip(entry.getName()), entry.getMode() & 07777);
        }
      }
    }
    return modes;
  }

  /** The content of one file of the image's file system (the last layer that has it wins). */
  public byte[] read(String path) throws IOException {
    for (int i = layers.size() - 1; i >= 0; i--) {
      try (TarArchiveInputStream tar = layer(layers.get(i))) {
        for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
          if (("/" + strip(entry.getName())).equals(path)) {
            return tar.readAllBytes();
          }
        }
      }
    }
    throw new IllegalArgumentException(path + " is not in " + refName);
  }

  /** The image's file system, layer over layer, with the layers' modes: what a container sees. */
  public void unpackFileSystem(Path root) throws IOException {
    for (Path layer : layers) {
      try (InputStream in = new GZIPInputStream(Files.newInputStream(layer), 1 << 16)) {
        extract(in, root, true);
      }
    }
  }

  private static JsonNode read(Path json) throws IOException {
    return JSON.readTree(Files.readString(json));
  }

  private Path blob(String digest) {
    return blobs.resolve(digest.replace(':', '/'));
  }

  private static TarArchiveInputStream layer(Path layer) throws IOException {
    return new TarArchiveInputStream(new GZIPInputStream(Files.newInputStream(layer), 1 << 16));
  }

  private static void extract(InputStream in, Path root, boolean withModes) throws IOException {
    try (TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
        Path target = root.resolve(strip(entry.getName())).normalize();
        if (!target.startsWith(root)) {
          throw new IOException("entry outside the image: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
        }
        if (withModes) {
          Files.setPosixFilePermissions(target, permissions(entry.getMode()));
        }
      }
    }
  }

  private static String strip(String name) {
    String path = name.startsWith("./") ? name.substring(2) : name;
    path = path.startsWith("/") ? path.substring(1) : path;
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ ... OTHERS_EXECUTE
    for (int i = 0; i < bits.length; i++) {
      if ((mode & (1 << (8 - i))) != 0) {
        permissions.add(bits[i]);
      }
    }
    return permissions;
  }
}
