package studio.bud.track.processor;

import static com.google.common.truth.Truth.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code @javax.annotation.processing.Generated} lives in the module {@code java.compiler}: the
 * generated class carries it only where the interface's module reads that module, so a modular
 * application compiles without a {@code requires} for it.
 *
 * <p>The sources are compiled by javac from files (compile-testing's in-memory files cannot hold
 * a {@code module-info}) as a named module {@code app}, with {@code -Xlint:all,-processing
 * -Werror}. track's own jars are on the class path here (the unnamed module), which {@code app}
 * reads through {@code --add-reads}; a real application has them on the module path and {@code
 * requires studio.bud.track.runtime}. Which JDK modules {@code app} reads is exactly what its
 * {@code module-info} says.
 */
final class ModuleGeneratedMarkerTest {

  private static final String MARKER = "@Generated(\"studio.bud.track.processor.TrackProcessor\")";

  private static final String ASSISTANT =
      String.join(
          "\n",
          "package app;",
          "import studio.bud.track.Track;",
          "public interface Assistant {",
          "  @Track",
          "  String ask(String question);",
          "}");

  @TempDir Path directory;

  @Test
  void moduleThatDoesNotReadJavaCompilerGetsNoGeneratedMarker() throws IOException {
    String wrapper = compileModule("module app {}");

    assertThat(wrapper).doesNotContain("javax.annotation.processing");
    assertThat(wrapper).doesNotContain("@Generated");
  }

  @Test
  void moduleThatRequiresJavaCompilerStaticallyGetsTheMarker() throws IOException {
    String wrapper = compileModule("module app { requires static java.compiler; }");

    assertThat(wrapper).contains(MARKER);
  }

  @Test
  void moduleThatReadsJavaCompilerThroughARequiresTransitiveGetsTheMarker() throws IOException {
    // java.se requires transitive java.compiler.
    String wrapper = compileModule("module app { requires java.se; }");

    assertThat(wrapper).contains(MARKER);
  }

  @Test
  void moduleRequiringAModuleThatRequiresJavaCompilerNonTransitivelyGetsNoMarker()
      throws IOException {
    // jdk.jdeps requires java.compiler (and jdk.compiler), neither of them transitively.
    String wrapper = compileModule("module app { requires jdk.jdeps; }");

    assertThat(wrapper).doesNotContain("javax.annotation.processing");
    assertThat(wrapper).doesNotContain("@Generated");
  }

  @Test
  void unnamedModuleGetsTheMarker() throws IOException {
    String wrapper = compile(false, null);

    assertThat(wrapper).contains(MARKER);
  }

  private String compileModule(String moduleInfo) throws IOException {
    return compile(true, moduleInfo);
  }

  /** Compiles {@code Assistant} (in module {@code app} if {@code named}); its wrapper's source. */
  private String compile(boolean named, String moduleInfo) throws IOException {
    Path sources = Files.createDirectories(directory.resolve("src"));
    Path classes = Files.createDirectories(directory.resolve("classes"));
    Path generated = Files.createDirectories(directory.resolve("generated"));
    Files.createDirectories(sources.resolve("app"));
    Files.writeString(sources.resolve("app/Assistant.java"), ASSISTANT, UTF_8);
    if (named) {
      Files.writeString(sources.resolve("module-info.java"), moduleInfo, UTF_8);
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter output = new StringWriter();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, UTF_8)) {
      Iterable<? extends JavaFileObject> units =
          files.getJavaFileObjectsFromPaths(
              named
                  ? List.of(sources.resolve("module-info.java"), sources.resolve("app/Assistant.java"))
                  : List.of(sources.resolve("app/Assistant.java")));
      List<String> options =
          new ArrayList<>(
              List.of(
                  "-Xlint:all,-processing",
                  "-Werror",
                  "-classpath",
                  System.getProperty("java.class.path"),
                  "-d",
                  classes.toString(),
                  "-s",
                  generated.toString()));
      if (named) {
        options.addAll(List.of("--add-reads", "app=ALL-UNNAMED"));
      }
      JavaCompiler.CompilationTask task = javac.getTask(output, files, null, options, null, units);
      task.setProcessors(List.of(new TrackProcessor()));
      boolean succeeded = task.call();
      assertThat(output.toString()).isEmpty();
      assertThat(succeeded).isTrue();
    }
    assertThat(Files.exists(classes.resolve("app/TracedAssistant.class"))).isTrue();
    return Files.readString(generated.resolve("app/TracedAssistant.java"), UTF_8);
  }
}
