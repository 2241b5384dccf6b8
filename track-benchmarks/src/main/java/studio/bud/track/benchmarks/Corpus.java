package studio.bud.track.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The sources of the build-time comparison: {@code interfaces} interfaces of ten {@code @Track}
 * methods each, and an implementation of each, spread over packages of 20 as a project's would
 * be. The methods cover every result kind the processor tells apart (plain, primitive, void,
 * future, iterator, stream), generic parameter types, a type variable of the method and two
 * tracked methods inherited from a generic base interface (so the processor's lookups of inherited
 * {@code @Track} and {@code asMemberOf} are part of what is measured). The same count always
 * gives the same files.
 */
final class Corpus {

  /** Tracked methods per interface: eight declared, two inherited from {@code Lookup<T>}. */
  static final int METHODS_PER_INTERFACE = 10;

  private static final int PER_PACKAGE = 20;

  private Corpus() {}

  /** Writes the corpus under {@code root} (a source root) and returns every file written. */
  static List<Path> write(Path root, int interfaces) throws IOException {
    List<Path> files = new ArrayList<>();
    files.add(write(root, "corpus/Lookup.java", lookup()));
    for (int i = 0; i < interfaces; i++) {
      String pkg = "corpus.p" + (i / PER_PACKAGE);
      String dir = pkg.replace('.', '/');
      files.add(write(root, dir + "/Service" + i + ".java", service(pkg, i)));
      files.add(write(root, dir + "/Service" + i + "Impl.java", implementation(pkg, i)));
    }
    return files;
  }

  private static Path write(Path root, String relative, String text) throws IOException {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private static String lookup() {
    return "package corpus;\n"
        + "\n"
        + "import java.util.Optional;\n"
        + "import studio.bud.track.Track;\n"
        + "\n"
        + "/** The base every corpus interface extends with its own key type. */\n"
        + "public interface Lookup<K> {\n"
        + "  @Track\n"
        + "  Optional<String> find(K key);\n"
        + "\n"
        + "  @Track(captureOutput = false)\n"
        + "  boolean contains(K key);\n"
        + "}\n";
  }

  private static String service(String pkg, int i) {
    return "package " + pkg + ";\n"
        + "\n"
        + "import corpus.Lookup;\n"
        + "import java.util.Iterator;\n"
        + "import java.util.List;\n"
        + "import java.util.Map;\n"
        + "import java.util.concurrent.CompletableFuture;\n"
        + "import java.util.stream.Stream;\n"
        + "import studio.bud.track.Track;\n"
        + "\n"
        + "/** Corpus interface " + i + ". */\n"
        + "public interface Service" + i + " extends Lookup<String> {\n"
        + "  @Track(type = \"llm\", attributes = {\"provider=corpus\", \"index=" + i + "\"})\n"
        + "  String ask" + i + "(String question, int maxTokens);\n"
        + "\n"
        + "  @Track\n"
        + "  int count(List<String> items);\n"
        + "\n"
        + "  @Track(captureInputInclude = \"key\")\n"
        + "  void record(String key, long value, double weight);\n"
        + "\n"
        + "  @Track(name = \"service" + i + ".summary\", captureOutputInclude = \"total\")\n"
        + "  Map<String, Integer> summary(Map<String, List<Integer>> groups);\n"
        + "\n"
        + "  @Track(ignoreArguments = \"secret\")\n"
        + "  CompletableFuture<String> fetch(String url, char[] secret);\n"
        + "\n"
        + "  @Track\n"
        + "  Iterator<String> tokens(String prompt);\n"
        + "\n"
        + "  @Track\n"
        + "  Stream<Integer> numbers(int from, int to);\n"
        + "\n"
        + "  @Track\n"
        + "  <T extends Comparable<T>> T largest(List<? extends T> values);\n"
        + "}\n";
  }

  private static String implementation(String pkg, int i) {
    return "package " + pkg + ";\n"
        + "\n"
        + "import java.util.Collections;\n"
        + "import java.util.Iterator;\n"
        + "import java.util.List;\n"
        + "import java.util.Map;\n"
        + "import java.util.Optional;\n"
        + "import java.util.concurrent.CompletableFuture;\n"
        + "import java.util.stream.IntStream;\n"
        + "import java.util.stream.Stream;\n"
        + "\n"
        + "/** Implements corpus interface " + i + ". */\n"
        + "public final class Service" + i + "Impl implements Service" + i + " {\n"
        + "  private long recorded;\n"
        + "\n"
        + "  @Override\n"
        + "  public Optional<String> find(String key) {\n"
        + "    return key.isEmpty() ? Optional.empty() : Optional.of(key + " + i + ");\n"
        + "  }\n"
        + "\n"
        + "  @Override\n"
        + "  public boolean contains(String key) {\n"
        + "    return find(key).isPresent();\n"
        + "  }\n"
        + "\n"
        + "  @Override\n"
        + "  public String ask" + i + "(String question, int maxTokens) {\n"
        + "    return question.length() > maxTokens ? question.substring(0, maxTokens) : question;\n"
        + "  }\n"
        + "\n"
        + "  @Override\n"
        + "  public int count(List<String> items) {\n"
        + "    return items.size();\n"
        + "  }\n"
        + "\n"
        + "  @Override\n"
        + "  public void record(String key, long value, double weight) {\n"
        + "    recorded += value * (long) weight + key.length();\n"
        + "  }\n"
        + "\n"
        + "  @Override\n"
        + "  public Map<String, Integer> summary(Map<String, List<Integer>> groups) {\n"
        + "    int total = 0;\n"
        + "    for (List<Integer> group : groups.values()) {\n"
        + "      for (int value : group) {\n"
        + "        total += value;\n"
        + "      }\n"
        + "    }\n"
        + "    return Map.of(\"total\", total, \"groups\", groups.size());\n"
        + "  }\n"
        + "\n"
        + "  @Override\n"
        + "  public CompletableFuture<String> fetch(String url, char[] secret) {\n"
        + "    return CompletableFuture.completedFuture(url + secret.length);\n"
        + "  }\n"
        + "\n"
        + "  @Override\n"
        + "  public Iterator<String> tokens(String prompt) {\n"
        + "    return Collections.singletonList(prompt).iterator();\n"
        + "  }\n"
        + "\n"
        + "  @Override\n"
        + "  public Stream<Integer> numbers(int from, int to) {\n"
        + "    return IntStream.range(from, to).boxed();\n"
        + "  }\n"
        + "\n"
        + "  @Override\n"
        + "  public <T extends Comparable<T>> T largest(List<? extends T> values) {\n"
        + "    return Collections.max(values);\n"
        + "  }\n"
        + "\n"
        + "  long recorded() {\n"
        + "    return recorded;\n"
        + "  }\n"
        + "}\n";
  }
}
