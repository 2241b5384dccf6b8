package studio.bud.track.runtime.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import studio.bud.track.runtime.internal.Repr;

/**
 * Repr over generated values ({@link Seeded}): nested lists, maps, arrays and optionals of text
 * with surrogate pairs, control characters and quotes, of every primitive array type, and lists
 * that contain themselves, at every length limit; and every char. It never throws, never passes
 * the limit, and never leaves half a surrogate pair.
 */
class ReprPropertiesTest {

  /** The deepest nesting of generated containers. */
  private static final int MAX_DEPTH = 5;

  @Test
  void everyRenderingIsBoundedAndWellFormed() {
    Seeded.check("everyRenderingIsBoundedAndWellFormed", 1000, gen -> {
      Object value = value(gen, MAX_DEPTH);
      int maxLength = gen.between(-5, 300);

      String rendered = Repr.of(value, maxLength);

      assertThat(length(rendered)).as("code points of %s", rendered).isLessThanOrEqualTo(Math.max(4, maxLength));
      assertThat(isWellFormed(rendered)).as("well-formed: %s", rendered).isTrue();
    });
  }

  @Test
  void aCutTextIsThePrefixOfTheWholeOne() {
    Seeded.check("aCutTextIsThePrefixOfTheWholeOne", 2000, gen -> {
      String text = text(gen);
      int maxLength = gen.between(4, 120);

      String whole = Repr.of(text, Integer.MAX_VALUE);
      String cut = Repr.of(text, maxLength);

      if (length(whole) <= maxLength) {
        assertThat(cut).isEqualTo(whole);
      } else {
        // SPEC section 4: the first maxLength - 3 code points, then "...".
        assertThat(cut).endsWith("...");
        assertThat(whole).startsWith(cut.substring(0, cut.length() - 3));
        assertThat(length(cut)).as("code points of %s", cut).isEqualTo(maxLength);
      }
    });
  }

  /** Every one of the 65,536 chars, not a sample: there are few enough. */
  @Test
  void everyCharRendersAsAWellFormedLiteral() {
    for (int code = Character.MIN_VALUE; code <= Character.MAX_VALUE; code++) {
      char c = (char) code;

      String literal = Repr.of(c);

      assertThat(Repr.of(Character.valueOf(c), 1000)).isEqualTo(literal);
      assertThat(literal).startsWith("'").endsWith("'");
      assertThat(isWellFormed(literal)).as("well-formed: %s", literal).isTrue();
    }
  }

  // ---------------------------------------------------------------------------------------------

  /** Well-formed text (any half pair in a rendering is Repr's doing): quotes and escapes, pairs. */
  private static String text(Seeded gen) {
    switch (gen.below(3)) {
      case 0:
        return gen.textOf("ab\"\\\n\u0000\u007f", 50);
      case 1:
        return pairUp(gen.textOf("a\uD83D\uDE00", 200));
      default:
        return gen.text(0, 200, true);
    }
  }

  private static Object value(Seeded gen, int depth) {
    if (depth == 0 || gen.chance(0.4)) {
      return leaf(gen);
    }
    switch (gen.below(5)) {
      case 0:
        return new ArrayList<>(gen.list(5, () -> value(gen, depth - 1)));
      case 1:
        return gen.list(5, () -> value(gen, depth - 1)).toArray();
      case 2:
        Map<String, Object> map = new HashMap<>();
        int entries = gen.between(0, 4);
        for (int i = 0; i < entries; i++) {
          map.put(gen.text(0, 5, true), value(gen, depth - 1));
        }
        return map;
      case 3:
        return gen.chance(0.2) ? Optional.empty() : Optional.of(value(gen, depth - 1));
      default:
        List<Object> self = new ArrayList<>();
        self.add(value(gen, depth - 1));
        self.add(self);
        return self;
    }
  }

  private static Object leaf(Seeded gen) {
    switch (gen.below(4)) {
      case 0:
        return text(gen);
      case 1:
        return gen.anyInt();
      case 2:
        return gen.anyChar();
      default:
        return primitiveArray(gen);
    }
  }

  private static Object primitiveArray(Seeded gen) {
    int size = gen.between(0, 30);
    switch (gen.below(8)) {
      case 0: {
        int[] array = new int[size];
        for (int i = 0; i < size; i++) {
          array[i] = gen.anyInt();
        }
        return array;
      }
      case 1: {
        long[] array = new long[size];
        for (int i = 0; i < size; i++) {
          array[i] = gen.anyLong();
        }
        return array;
      }
      case 2: {
        short[] array = new short[size];
        for (int i = 0; i < size; i++) {
          array[i] = gen.anyShort();
        }
        return array;
      }
      case 3: {
        byte[] array = new byte[size];
        for (int i = 0; i < size; i++) {
          array[i] = gen.anyByte();
        }
        return array;
      }
      case 4: {
        char[] array = new char[size];
        for (int i = 0; i < size; i++) {
          array[i] = gen.anyChar();
        }
        return array;
      }
      case 5: {
        float[] array = new float[size];
        for (int i = 0; i < size; i++) {
          array[i] = gen.anyFloat();
        }
        return array;
      }
      case 6: {
        double[] array = new double[size];
        for (int i = 0; i < size; i++) {
          array[i] = gen.anyDouble();
        }
        return array;
      }
      default: {
        boolean[] array = new boolean[size];
        for (int i = 0; i < size; i++) {
          array[i] = gen.chance(0.5);
        }
        return array;
      }
    }
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

  /** The length as SPEC section 4 counts it: in code points, as Python's {@code len} does. */
  private static int length(String text) {
    return text.codePointCount(0, text.length());
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
}
