package studio.bud.track.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.FieldSpec;
import com.squareup.javapoet.JavaFile;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.ParameterizedTypeName;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.TypeSpec;
import java.util.List;
import java.util.function.Consumer;
import javax.lang.model.element.Modifier;
import org.junit.jupiter.api.Test;

/**
 * {@link CompactCode} writes, character for character, what JavaPoet's {@link CodeBlock.Builder}
 * writes for the same calls: each case runs the same calls on both, puts the block in a method
 * body and a field initializer of a file (so that imports, indentation and statement
 * continuation lines apply) and compares the two files.
 */
class CompactCodeTest {

  /** The calls both builders take. */
  private interface Code {
    Code add(String format, Object... args);

    Code addStatement(String format, Object... args);

    Code beginControlFlow(String controlFlow, Object... args);

    Code nextControlFlow(String controlFlow, Object... args);

    Code endControlFlow();
  }

  private static final ClassName SPAN = ClassName.get("io.opentelemetry.api.trace", "Span");
  /** Clashes with {@link #SPAN}'s simple name, so JavaPoet must qualify one of them. */
  private static final ClassName OTHER_SPAN = ClassName.get("example.other", "Span");

  @Test
  void statementsAndControlFlowAreWrittenAsJavaPoetWritesThem() {
    assertSameAsJavaPoet(
        code ->
            code.beginControlFlow("if (!$T.isConfigured())", TracedClassWriter.TRACKING)
                .addStatement("return this.$N.$N($L)", "delegate", "ask", "question, maxTokens")
                .endControlFlow()
                .addStatement("$T $N = $N.start()", SPAN, "span", "ASK")
                .addStatement("$N.input($N, $L, $N)", "ASK", "span", 0, "question")
                .addStatement("$T $N", ParameterizedTypeName.get(List.class, String.class), "result")
                .beginControlFlow("try")
                .addStatement("$N = $L", "result", "this.delegate.ask(question)")
                .nextControlFlow("catch ($T $N)", Throwable.class, "t")
                .addStatement("throw $N", "t")
                .endControlFlow()
                .addStatement("$T $N = null", OTHER_SPAN, "other")
                .addStatement("return $N", "result"));
  }

  @Test
  void stringsNeedingEscapesAndLineBreaksAreLeftToJavaPoet() {
    assertSameAsJavaPoet(
        code ->
            code.addStatement("$T.out.println($S)", System.class, "plain, with é and 'quotes'")
                .addStatement("$T.out.println($S)", System.class, "a \"quoted\" \\ back\tslash")
                .addStatement("$T.out.println($S)", System.class, "first line\nsecond line\nthird")
                .addStatement("$T.out.println($S)", System.class, "control \u0001 character")
                .addStatement("$T.out.println($S, $S)", System.class, "costs $5", null)
                .addStatement("$T.out.println($S)", System.class, "trailing break\n"));
  }

  @Test
  void dollarSignsInNamesLiteralsAndFormatsStayAsTheyAre() {
    assertSameAsJavaPoet(
        code ->
            code.addStatement("int $N = $L", "a$b", "1 + $2")
                .addStatement("String c = \"$$\"")
                .addStatement("$T $$x = null", SPAN));
  }

  @Test
  void multiLineLiteralsKeepTheirContinuationIndent() {
    assertSameAsJavaPoet(
        code ->
            code.addStatement("int x = $L", CodeBlock.of("1\n+ $L", 2))
                .addStatement("int y = $L", "3\n+ 4")
                .addStatement("int z = 5\n+ 6")
                .add("$>")
                .addStatement("int w = 7")
                .add("$<"));
  }

  @Test
  void fieldInitializersOnSeveralLinesAreWrittenAsJavaPoetWritesThem() {
    Consumer<Code> initializer =
        code ->
            code.add("$T.named($S)", DescriptorFieldTypes.TRACKED_METHOD, "Service.ask")
                .add("$>$>")
                .add("\n.kind($T.$L)", DescriptorFieldTypes.SPAN_KIND, "CLIENT")
                .add("\n.inputs(")
                .add("$S", "question")
                .add(", $S", "line\nbreak")
                .add(")")
                .add("\n.build()$<$<");
    CompactCode compact = new CompactCode();
    initializer.accept(compactCode(compact));
    CodeBlock.Builder javaPoet = CodeBlock.builder();
    initializer.accept(javaPoetCode(javaPoet));
    assertThat(file(field(compact.build()))).isEqualTo(file(field(javaPoet.build())));
  }

  @Test
  void unsupportedPlaceholdersAndUnusedArgumentsAreRejected() {
    assertThatThrownBy(() -> new CompactCode().add("$W"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CompactCode().add("$N", "a", "b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CompactCode().add("$T", "not a type"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void plainStringsAreExactlyThoseJavaPoetOnlyQuotes() {
    for (String value : List.of("", "a b", "é ü 中", "'", "$", "a\"b", "a\\b", "a\nb", "\t", "\u007f")) {
      assertThat(CompactCode.isPlain(value))
          .as(value)
          .isEqualTo(CodeBlock.of("$S", value).toString().equals('"' + value + '"'));
    }
  }

  /** Types {@link DescriptorField} names, spelled out here so the test reads alone. */
  private static final class DescriptorFieldTypes {
    static final ClassName TRACKED_METHOD =
        ClassName.get("studio.bud.track.runtime.internal", "TrackedMethod");
    static final ClassName SPAN_KIND = ClassName.get("io.opentelemetry.api.trace", "SpanKind");
  }

  private static void assertSameAsJavaPoet(Consumer<Code> calls) {
    CompactCode compact = new CompactCode();
    calls.accept(compactCode(compact));
    CodeBlock.Builder javaPoet = CodeBlock.builder();
    calls.accept(javaPoetCode(javaPoet));
    String expected = file(method(javaPoet.build()));
    assertThat(file(method(compact.build()))).isEqualTo(expected);
  }

  private static TypeSpec.Builder method(CodeBlock body) {
    return TypeSpec.classBuilder("Example")
        .addMethod(
            MethodSpec.methodBuilder("run")
                .returns(TypeName.OBJECT)
                .addCode(body)
                .build());
  }

  private static TypeSpec.Builder field(CodeBlock initializer) {
    return TypeSpec.classBuilder("Example")
        .addField(
            FieldSpec.builder(DescriptorFieldTypes.TRACKED_METHOD, "ASK", Modifier.STATIC)
                .initializer(initializer)
                .build());
  }

  private static String file(TypeSpec.Builder type) {
    return JavaFile.builder("example", type.build())
        .skipJavaLangImports(true)
        .indent("  ")
        .build()
        .toString();
  }

  private static Code compactCode(CompactCode code) {
    return new Code() {
      @Override
      public Code add(String format, Object... args) {
        code.add(format, args);
        return this;
      }

      @Override
      public Code addStatement(String format, Object... args) {
        code.addStatement(format, args);
        return this;
      }

      @Override
      public Code beginControlFlow(String controlFlow, Object... args) {
        code.beginControlFlow(controlFlow, args);
        return this;
      }

      @Override
      public Code nextControlFlow(String controlFlow, Object... args) {
        code.nextControlFlow(controlFlow, args);
        return this;
      }

      @Override
      public Code endControlFlow() {
        code.endControlFlow();
        return this;
      }
    };
  }

  private static Code javaPoetCode(CodeBlock.Builder code) {
    return new Code() {
      @Override
      public Code add(String format, Object... args) {
        code.add(format, args);
        return this;
      }

      @Override
      public Code addStatement(String format, Object... args) {
        code.addStatement(format, args);
        return this;
      }

      @Override
      public Code beginControlFlow(String controlFlow, Object... args) {
        code.beginControlFlow(controlFlow, args);
        return this;
      }

      @Override
      public Code nextControlFlow(String controlFlow, Object... args) {
        code.nextControlFlow(controlFlow, args);
        return this;
      }

      @Override
      public Code endControlFlow() {
        code.endControlFlow();
        return this;
      }
    };
  }
}
