package studio.bud.track.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The misuses of {@code @Track.Attribute} that the processor rejects (SPEC section 6), each with
 * its {@link Messages} constant, on the line of the annotation.
 */
final class ArgumentAttributeDiagnosticsTest {

  @Test
  void blankKeyIsAnError() {
    JavaFileObject source =
        source(
            "x.Chat",
            "package x;",
            "import studio.bud.track.Track;",
            "public interface Chat {",
            "  @Track",
            "  String ask(",
            "      @Track.Attribute(\" \") String model,",
            "      String question);",
            "}");

    assertOnlyError(
        source, String.format(Messages.ARGUMENT_ATTRIBUTE_BLANK, "model"), "@Track.Attribute(\" \")");
  }

  @Test
  void keyUnderTheReservedPrefixIsAnError() {
    JavaFileObject source =
        source(
            "x.Chat",
            "package x;",
            "import studio.bud.track.Track;",
            "public interface Chat {",
            "  @Track",
            "  String ask(",
            "      @Track.Attribute(\"bud.track.model\") String model,",
            "      String question);",
            "}");

    assertOnlyError(
        source,
        String.format(Messages.ARGUMENT_ATTRIBUTE_RESERVED, "bud.track.model"),
        "@Track.Attribute(\"bud.track.model\")");
  }

  @Test
  void twoParametersWithOneKeyAreAnErrorOnTheSecond() {
    JavaFileObject source =
        source(
            "x.Chat",
            "package x;",
            "import studio.bud.track.Track;",
            "public interface Chat {",
            "  @Track",
            "  String ask(",
            "      @Track.Attribute(\"gen_ai.request.model\") String model,",
            "      @Track.Attribute(\"gen_ai.request.model\") String fallback);",
            "}");

    assertOnlyError(
        source,
        String.format(Messages.ARGUMENT_ATTRIBUTE_DUPLICATE, "gen_ai.request.model", "model", "fallback"),
        "String fallback");
  }

  @Test
  void onAParameterOfAnUntrackedInterfaceMethodIsAnError() {
    JavaFileObject source =
        source(
            "x.Chat",
            "package x;",
            "import studio.bud.track.Track;",
            "public interface Chat {",
            "  @Track",
            "  String ask(String question);",
            "  String name(@Track.Attribute(\"user.id\") String user);",
            "}");

    assertOnlyError(
        source,
        String.format(Messages.ARGUMENT_ATTRIBUTE_UNTRACKED, "user", "Chat.name(String)"),
        "String name(");
  }

  @Test
  void onAParameterOfAnInterfaceWithoutAnyTrackIsAnError() {
    JavaFileObject source =
        source(
            "x.Plain",
            "package x;",
            "import studio.bud.track.Track;",
            "public interface Plain {",
            "  String name(@Track.Attribute(\"user.id\") String user);",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(String.format(Messages.ARGUMENT_ATTRIBUTE_UNTRACKED, "user", "Plain.name(String)"))
        .inFile(source)
        .onLineContaining("String name(");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void onAParameterOfAClassMethodIsAnError() {
    JavaFileObject source =
        source(
            "x.Service",
            "package x;",
            "import studio.bud.track.Track;",
            "public class Service {",
            "  public String handle(@Track.Attribute(\"request.id\") String id) { return id; }",
            "}");

    assertOnlyError(
        source,
        String.format(Messages.ARGUMENT_ATTRIBUTE_UNTRACKED, "id", "Service.handle(String)"),
        "public String handle(");
  }

  @Test
  void onAParameterOfAStaticInterfaceMethodIsAnError() {
    JavaFileObject source =
        source(
            "x.Chat",
            "package x;",
            "import studio.bud.track.Track;",
            "@Track",
            "public interface Chat {",
            "  String ask(String question);",
            "  static String help(@Track.Attribute(\"help.topic\") String topic) { return topic; }",
            "}");

    assertOnlyError(
        source,
        String.format(Messages.ARGUMENT_ATTRIBUTE_UNTRACKED, "topic", "Chat.help(String)"),
        "static String help(");
  }

  @Test
  void allProblemsOfOneMethodAreReported() {
    JavaFileObject source =
        source(
            "x.Chat",
            "package x;",
            "import studio.bud.track.Track;",
            "public interface Chat {",
            "  @Track",
            "  String ask(",
            "      @Track.Attribute(\"\") String model,",
            "      @Track.Attribute(\"bud.track.x\") String other);",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(String.format(Messages.ARGUMENT_ATTRIBUTE_BLANK, "model"))
        .inFile(source)
        .onLineContaining("String model");
    assertThat(compilation)
        .hadErrorContaining(String.format(Messages.ARGUMENT_ATTRIBUTE_RESERVED, "bud.track.x"))
        .inFile(source)
        .onLineContaining("String other");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void onAMethodTrackedByItsInterfaceIsAccepted() {
    JavaFileObject source =
        source(
            "x.Chat",
            "package x;",
            "import studio.bud.track.Track;",
            "@Track",
            "public interface Chat {",
            "  String ask(@Track.Attribute(\"gen_ai.request.model\") String model, String question);",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("x.TracedChat").isNotNull();
  }

  // ---------------------------------------------------------------------------------------------

  private static JavaFileObject source(String qualifiedName, String... lines) {
    return JavaFileObjects.forSourceLines(qualifiedName, lines);
  }

  /** Compiles, failing the test if the processor reported an internal error (a bug of ours). */
  private static Compilation compile(JavaFileObject... sources) {
    Compilation compilation = Compiler.javac().withProcessors(new TrackProcessor()).compile(sources);
    for (Diagnostic<? extends JavaFileObject> error : compilation.errors()) {
      if (error.getMessage(null).contains("[TrackInternalError]")) {
        throw new AssertionError("processor failed: " + error.getMessage(null));
      }
    }
    return compilation;
  }

  /** {@code source} fails with exactly one error, {@code message}, on the line containing {@code line}. */
  private static void assertOnlyError(JavaFileObject source, String message, String line) {
    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining(message).inFile(source).onLineContaining(line);
    assertThat(compilation).hadErrorCount(1);
  }
}
