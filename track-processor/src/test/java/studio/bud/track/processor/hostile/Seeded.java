package studio.bud.track.processor.hostile;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * A small seeded generator that drives the property tests of this package. A property runs a
 * number of tries; each try has its own seed, derived from the run's seed and the property's name,
 * and a failure names that seed, so the try can be rerun alone.
 *
 * <ul>
 *   <li>{@code -Dtrack.seed=N}: the run's seed ({@link #DEFAULT_SEED} unless given), so a run is
 *       the same every time;
 *   <li>{@code -Dtrack.tries=N}: tries per property instead of its default, for a longer search.
 * </ul>
 *
 * <p>Values lean towards the edges (zero, extremes, NaN, surrogates, quotes, control characters),
 * where rendering breaks, rather than being uniform. (The runtime's tests have the same class: the
 * two modules share no test code.)
 */
final class Seeded {

  static final long DEFAULT_SEED = 20_261_201L;

  /** A property: one try, given its generator; throws (an assertion, say) when it does not hold. */
  interface Property {
    void check(Seeded gen) throws Throwable;
  }

  private final Random random;

  private Seeded(long seed, String name) {
    this.random = new Random(seed * 31 + name.hashCode());
  }

  /** The tries a property runs: {@code -Dtrack.tries}, else {@code byDefault}. */
  static int tries(int byDefault) {
    return Integer.getInteger("track.tries", byDefault);
  }

  /**
   * Checks {@code property} on {@link #tries} tries; the first that fails is rethrown as an {@link
   * AssertionError} whose message gives its seed and how to rerun it alone.
   *
   * @param name what is checked, part of every try's seed (so that properties sharing a run seed
   *     still see different values) and of the failure message
   * @return the number of tries run
   */
  static int check(String name, int defaultTries, Property property) {
    long runSeed = Long.getLong("track.seed", DEFAULT_SEED);
    int tries = tries(defaultTries);
    for (int i = 0; i < tries; i++) {
      long seed = runSeed + i;
      try {
        property.check(new Seeded(seed, name));
      } catch (Throwable failure) {
        throw new AssertionError(
            String.format(
                "%s failed on try %d of %d, seed %d (rerun it alone with -Dtrack.seed=%d"
                    + " -Dtrack.tries=1): %s",
                name, i + 1, tries, seed, seed, failure),
            failure);
      }
    }
    return tries;
  }

  // ---------------------------------------------------------------------------------------------
  // Values.

  /** {@code 0 <= n < bound}. */
  int below(int bound) {
    return random.nextInt(bound);
  }

  /** {@code min <= n <= max}. */
  int between(int min, int max) {
    return min + random.nextInt(max - min + 1);
  }

  /** True with probability {@code p}. */
  boolean chance(double p) {
    return random.nextDouble() < p;
  }

  @SafeVarargs
  final <T> T oneOf(T... choices) {
    return choices[random.nextInt(choices.length)];
  }

  <T> T oneOf(List<T> choices) {
    return choices.get(random.nextInt(choices.size()));
  }

  /** Up to {@code maxSize} elements, each from {@code element}. */
  <T> List<T> list(int maxSize, Supplier<T> element) {
    int size = between(0, maxSize);
    List<T> list = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      list.add(element.get());
    }
    return list;
  }

  int anyInt() {
    return chance(0.2) ? oneOf(0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE) : random.nextInt();
  }

  long anyLong() {
    return chance(0.2) ? oneOf(0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE) : random.nextLong();
  }

  short anyShort() {
    return chance(0.2) ? oneOf((short) 0, Short.MIN_VALUE, Short.MAX_VALUE) : (short) random.nextInt();
  }

  byte anyByte() {
    return chance(0.2) ? oneOf((byte) 0, Byte.MIN_VALUE, Byte.MAX_VALUE) : (byte) random.nextInt();
  }

  /** Any double: ordinary ones, and any bit pattern (NaNs with payloads, subnormals, -0.0). */
  double anyDouble() {
    if (chance(0.2)) {
      return oneOf(0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
          Double.MIN_VALUE, Double.MAX_VALUE);
    }
    return chance(0.5) ? (random.nextDouble() - 0.5) * Math.pow(10, between(-10, 300))
        : Double.longBitsToDouble(random.nextLong());
  }

  /** Any float bit pattern. */
  float anyFloat() {
    return chance(0.2) ? oneOf(0.0f, -0.0f, Float.NaN, Float.MIN_VALUE, Float.MAX_VALUE)
        : Float.intBitsToFloat(random.nextInt());
  }

  /** Any {@code char}, lone surrogate halves included. */
  char anyChar() {
    switch (random.nextInt(5)) {
      case 0:
        return (char) between(0x20, 0x7e);
      case 1:
        return oneOf('"', '\\', '\'', '\n', '\r', '\t', '\0', '\u007f', '\u2028', '\uffff');
      case 2:
        return (char) between(Character.MIN_SURROGATE, Character.MAX_SURROGATE);
      default:
        return (char) random.nextInt(Character.MAX_VALUE + 1);
    }
  }

  /** Text of {@code minLength} to {@code maxLength} chars: any chars, lone surrogates included. */
  String text(int minLength, int maxLength) {
    return text(minLength, maxLength, false);
  }

  /**
   * As {@link #text(int, int)}; when {@code wellFormed}, a surrogate only ever comes as a whole
   * pair, so that a half pair in what is made of it cannot have come from the input.
   */
  String text(int minLength, int maxLength, boolean wellFormed) {
    int length = between(minLength, maxLength);
    StringBuilder text = new StringBuilder(length);
    while (text.length() < length) {
      if (text.length() + 2 <= length && chance(0.15)) {
        text.appendCodePoint(between(0x10000, Character.MAX_CODE_POINT)); // a whole pair
      } else {
        char c = anyChar();
        text.append(wellFormed && Character.isSurrogate(c) ? '?' : c);
      }
    }
    return text.toString();
  }

  /** Text made only of {@code alphabet}'s chars. */
  String textOf(String alphabet, int maxLength) {
    int length = between(0, maxLength);
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }
}
