package io.tessera.benchmarks.run;

import java.nio.file.Path;
import java.util.List;

/**
 * A benchmark's command line as {@code ./tessera bench NAME} passes it: the report's path first,
 * then the benchmark's own settings by position, each with a default when it is not given.
 *
 * @param name the benchmark's name in {@code ./tessera bench NAME}
 * @param given the arguments as given, the report's path first
 */
public record BenchmarkArguments(String name, List<String> given) {
  public BenchmarkArguments {
    given = List.copyOf(given);
  }

  public static BenchmarkArguments of(String name, String[] args) {
    return new BenchmarkArguments(name, List.of(args));
  }

  /** Where the report goes: the first argument, else {@code docs/benchmarks/NAME.md}. */
  public Path report() {
    return Path.of(text(0, "docs/benchmarks/" + name + ".md"));
  }

  /** The command that reproduces this run, for the report: the settings exactly as given. */
  public String command() {
    List<String> settings = given.size() > 1 ? given.subList(1, given.size()) : List.of();
    return String.join(" ", "./tessera bench " + name, String.join(" ", settings)).strip();
  }

  public String text(int position, String otherwise) {
    return position < given.size() ? given.get(position) : otherwise;
  }

  public int integer(int position, int otherwise) {
    return position < given.size() ? Integer.parseInt(given.get(position)) : otherwise;
  }

  public long whole(int position, long otherwise) {
    return position < given.size() ? Long.parseLong(given.get(position)) : otherwise;
  }

  public double decimal(int position, double otherwise) {
    return position < given.size() ? Double.parseDouble(given.get(position)) : otherwise;
  }
}
