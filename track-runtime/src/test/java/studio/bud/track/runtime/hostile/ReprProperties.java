package studio.bud.track.runtime.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import studio.bud.track.runtime.internal.Repr;

/**
 * Repr over generated values: nested lists, maps, arrays and optionals of text with surrogate
 * pairs, control characters and quotes, and of every primitive array type, at every length limit.
 * It never throws, never passes the limit, and never leaves half a surrogate pair.
 */
class ReprProperties {

  @Property(tries = 1000)
  void everyRenderingIsBoundedAndWellFormed(
      @ForAll("values") Object value, @ForAll @IntRange(min = -5, max = 300) int maxLength) {
    String rendered = Repr.of(value, maxLength);

    assertThat(rendered.length()).isLessThanOrEqualTo(Math.max(4, maxLength));
    assertThat(isWellFormed(rendered)).as("well-formed: %s", rendered).isTrue();
  }

  @Property(tries = 2000)
  void aCutTextIsThePrefixOfTheWholeOne(
      @ForAll("texts") String text, @ForAll @IntRange(min = 4, max = 120) int maxLength) {
    String whole = Repr.of(text, Integer.MAX_VALUE);
    String cut = Repr.of(text, maxLength);

    if (whole.length() <= maxLength) {
      assertThat(cut).isEqualTo(whole);
    } else {
      assertThat(cut).endsWith("...");
      assertThat(whole).startsWith(cut.substring(0, cut.length() - 3));
      assertThat(cut.length()).isBetween(maxLength - 1, maxLength);
    }
  }

  @Property(tries = 500)
  void everyCharRendersAsAWellFormedLiteral(@ForAll char c) {
    String literal = Repr.of(c);
    assertThat(Repr.of(Character.valueOf(c), 1000)).isEqualTo(literal);
    assertThat(literal).startsWith("'").endsWith("'");
    assertThat(isWellFormed(literal)).as("well-formed: %s", literal).isTrue();
  }

  // ---------------------------------------------------------------------------------------------

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars("ab\"\\\n\u0000\u007f").ofMaxLength(50),
        Arbitraries.strings().withChars("a\uD83D\uDE00").ofMaxLength(200).map(ReprProperties::pairUp),
        Arbitraries.strings().all().ofMaxLength(200).map(ReprProperties::pairUp));
  }

  @Provide
  Arbitrary<Object> values() {
    return Arbitraries.recursive(ReprProperties::leaves, ReprProperties::containersOf, 0, 5);
  }

  private static Arbitrary<Object> leaves() {
    return Arbitraries.oneOf(
        new ReprProperties().texts().map(Object.class::cast),
        Arbitraries.integers().map(Object.class::cast),
        Arbitraries.chars().all().map(Object.class::cast),
        primitiveArrays());
  }

  private static Arbitrary<Object> containersOf(Arbitrary<Object> elements) {
    return Arbitraries.oneOf(
        elements.list().ofMaxSize(5).map(ArrayList::new),
        elements.array(Object[].class).ofMaxSize(5).map(Object.class::cast),
        Arbitraries.maps(Arbitraries.strings().ofMaxLength(5), elements).ofMaxSize(4).map(HashMap::new),
        elements.optional().map(Object.class::cast),
        elements.map(ReprProperties::selfContaining));
  }

  private static Arbitrary<Object> primitiveArrays() {
    return Arbitraries.oneOf(
        Arbitraries.integers().array(int[].class).ofMaxSize(30).map(Object.class::cast),
        Arbitraries.longs().array(long[].class).ofMaxSize(30).map(Object.class::cast),
        Arbitraries.shorts().array(short[].class).ofMaxSize(30).map(Object.class::cast),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(30).map(Object.class::cast),
        Arbitraries.chars().all().array(char[].class).ofMaxSize(30).map(Object.class::cast),
        Arbitraries.floats().array(float[].class).ofMaxSize(30).map(Object.class::cast),
        Arbitraries.doubles().array(double[].class).ofMaxSize(30).map(Object.class::cast),
        Arbitraries.of(true, false).list().ofMaxSize(30).map(ReprProperties::booleans));
  }

  /** A list holding {@code value} and itself. Rendered by Repr only: it cannot be hashed. */
  private static Object selfContaining(Object value) {
    List<Object> list = new ArrayList<>();
    list.add(value);
    list.add(list);
    return new Holder(list);
  }

  private static Object booleans(List<Boolean> values) {
    boolean[] array = new boolean[values.size()];
    for (int i = 0; i < array.length; i++) {
      array[i] = values.get(i);
    }
    return array;
  }

  /**
   * Replaces lone surrogates with '?', so that the input is well-formed and any half pair in the
   * output is Repr's doing.
   */
  private static String pairUp(String text) {
    char[] chars = text.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      if (Character.isHighSurrogate(chars[i]) && i + 1 < chars.length && Character.isLowSurrogate(chars[i + 1])) {
        i++;
      } else if (Character.isSurrogate(chars[i])) {
        chars[i] = '?';
      }
    }
    return new String(chars);
  }

  static boolean isWellFormed(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Keeps a self-containing list away from jqwik, which hashes what it generates; Repr renders the
   * holder's {@code toString()}, which is the list's own rendering.
   */
  static final class Holder {
    private final List<Object> list;

    Holder(List<Object> list) {
      this.list = list;
    }

    @Override
    public String toString() {
      return Repr.of(list, 500);
    }
  }
}
