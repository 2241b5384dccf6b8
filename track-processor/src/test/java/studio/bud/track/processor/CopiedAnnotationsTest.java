package studio.bud.track.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.AnnotatedArrayType;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import studio.bud.track.processor.fixtures.Annotated;
import studio.bud.track.processor.fixtures.Both;
import studio.bud.track.processor.fixtures.Described;
import studio.bud.track.processor.fixtures.Named;
import studio.bud.track.processor.fixtures.Nullable;
import studio.bud.track.processor.fixtures.Tag;
import studio.bud.track.processor.fixtures.TracedAnnotated;

/**
 * SPEC section 3: the generated overrides carry the interface method's annotations, as a
 * framework finds them by reflection on the wrapper's class (LangChain4j looks for {@code @Tool}
 * on {@code getClass().getDeclaredMethods()}).
 */
class CopiedAnnotationsTest {

  private static Method method(String name, Class<?>... parameterTypes) throws NoSuchMethodException {
    return TracedAnnotated.class.getDeclaredMethod(name, parameterTypes);
  }

  @Test
  void methodAnnotationsKeepTheirValues() throws Exception {
    Described described = method("ask", String.class, int.class).getAnnotation(Described.class);

    assertThat(described).isNotNull();
    assertThat(described.value()).isEqualTo("answers");
    assertThat(described.type()).isEqualTo(List.class);
    assertThat(described.unit()).isEqualTo(TimeUnit.MILLISECONDS);
    assertThat(described.limits()).containsExactly(1, 2);
    assertThat(described.nested().value()).isEqualTo("inner");
  }

  @Test
  void repeatedAnnotationsAreAllThere() throws Exception {
    Tag[] tags = method("ask", String.class, int.class).getAnnotationsByType(Tag.class);

    assertThat(tags).extracting(Tag::value).containsExactly("first", "second");
  }

  @Test
  void parameterAnnotationsAreCopiedAndTrackAttributeIsNot() throws Exception {
    Method ask = method("ask", String.class, int.class);

    assertThat(ask.getParameters()[0].getAnnotation(Named.class).value()).isEqualTo("question");
    assertThat(ask.getParameters()[0].getAnnotations())
        .as("@Track.Attribute has CLASS retention, so only @Named shows")
        .hasSize(1);
    assertThat(ask.getParameters()[1].getAnnotations()).isEmpty();
  }

  @Test
  void untrackedMethodsKeepTheirAnnotationsToo() throws Exception {
    Method plain = method("plain", String.class, List.class, String[].class);

    assertThat(plain.getAnnotation(Described.class).value()).isEqualTo("plain");
  }

  @Test
  void typeUseAnnotationsStayOnTheirTypes() throws Exception {
    Method plain = method("plain", String.class, List.class, String[].class);

    AnnotatedParameterizedType values =
        (AnnotatedParameterizedType) plain.getAnnotatedParameterTypes()[1];
    assertThat(values.getAnnotatedActualTypeArguments()[0].getAnnotation(Nullable.class)).isNotNull();
    AnnotatedArrayType more = (AnnotatedArrayType) plain.getAnnotatedParameterTypes()[2];
    assertThat(more.getAnnotation(Nullable.class)).as("on the array, String @Nullable []").isNotNull();
    assertThat(more.getAnnotatedGenericComponentType().getAnnotation(Nullable.class)).isNull();
  }

  @Test
  void annotationsForDeclarationAndTypeAreWrittenOnceAndApplyToBoth() throws Exception {
    Method plain = method("plain", String.class, List.class, String[].class);

    assertThat(plain.getAnnotation(Both.class)).isNotNull();
    assertThat(plain.getAnnotatedReturnType().getAnnotation(Both.class)).isNotNull();
    assertThat(plain.getParameters()[0].getAnnotation(Both.class)).isNotNull();
    assertThat(plain.getAnnotatedParameterTypes()[0].getAnnotation(Both.class)).isNotNull();
  }

  @Test
  void inheritedMethodsKeepTheirAnnotationsOnTheResolvedTypes() throws Exception {
    Method find = method("find", String.class);

    assertThat(find.getAnnotation(Described.class).value()).isEqualTo("finds one");
    assertThat(find.getParameters()[0].getAnnotation(Named.class).value()).isEqualTo("id");
    assertThat(find.getAnnotatedParameterTypes()[0].getType()).isEqualTo(String.class);
    assertThat(find.getAnnotatedParameterTypes()[0].getAnnotation(Nullable.class)).isNotNull();
    assertThat(find.getAnnotatedReturnType().getAnnotation(Nullable.class)).isNotNull();
  }

  @Test
  void deprecatedStaysAndIsNotDoubled() throws Exception {
    assertThat(method("old").getAnnotation(Deprecated.class)).isNotNull();
    assertThat(method("old").getAnnotations()).hasSize(1);
  }

  @Test
  @SuppressWarnings("deprecation") // the implementation overrides old()
  void theWrapperStillBehavesAsTheImplementation() {
    Annotated wrapped =
        TracedAnnotated.wrap(
            new Annotated() {
              @Override
              public String ask(String question, int limit) {
                return question + limit;
              }

              @Override
              public String plain(String value, List<String> values, String[] more) {
                return value;
              }

              @Override
              public void old() {}

              @Override
              public String find(String id) {
                return id;
              }
            });

    assertThat(wrapped.ask("q", 1)).isEqualTo("q1");
    assertThat(wrapped.find("x")).isEqualTo("x");
  }
}
