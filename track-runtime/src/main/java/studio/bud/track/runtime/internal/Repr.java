package studio.bud.track.runtime.internal;

import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Turns any value into a bounded span attribute string, its "repr".
 *
 * <p>Internal API: public only for {@code track-benchmarks}, whose hand-traced baselines render
 * values as track does. The {@code char}, {@code boolean}, {@code int}, {@code long}, {@code float}
 * and {@code double} overloads stay public with it, so that a primitive passed from outside this
 * package is not widened into another overload ({@code char} to {@code int}, {@code float} to
 * {@code double}) and rendered differently; {@code byte} and {@code short} widen to {@code int}
 * with the same text. Not for users; it may change in any release.
 *
 * <ul>
 *   <li>{@code null} renders as {@code null}.
 *   <li>A {@link CharSequence} renders double-quoted with Java escapes ({@code "a\"b\n"}); a {@code
 *       char} or {@link Character} single-quoted ({@code 'c'}). Besides {@code \\ \" \n \r \t \b
 *       \f} (and {@code \'} in a char), every other ISO control character becomes {@code \}{@code
 *       uxxxx} (lowercase hex). A surrogate {@code char}
 *       on its own (half of a pair, as in a {@code char[]} holding an emoji) is escaped the same
 *       way, so the result is always well-formed UTF-16 when the input strings are.
 *   <li>Arrays (primitive and object) and {@link Collection}s render as {@code [e1, e2]}, {@link
 *       Map}s as {@code {k1: v1, k2: v2}}, {@link Optional} as {@code Optional[v]} / {@code
 *       Optional.empty} (and {@code OptionalInt[3]} / {@code OptionalInt.empty} for the primitive
 *       variants); elements, keys and values are rendered by these same rules.
 *   <li>A container that contains itself, directly or indirectly, renders the inner reference as
 *       {@code [...]} ({@code {...}} for a map). Detection is by identity and only along the
 *       current path, so the same list appearing twice side by side renders twice.
 *   <li>Containers are followed at most 256 levels deep; a container nested deeper renders as
 *       {@code [...]} ({@code {...}} for a map, {@code Optional[...]} for an Optional), so no input
 *       can overflow the stack whatever the length limit.
 *   <li>Anything else renders as its {@code toString()} ({@code null} when that returns null). If
 *       {@code toString()} throws anything, including a {@link StackOverflowError}, the value
 *       renders as {@code <unrepresentable SimpleClassName>} (the binary name for an anonymous
 *       class). A {@link CharSequence} whose {@code charAt}/{@code length} throws renders the same.
 *   <li>If iterating a collection or map throws midway (a {@link
 *       java.util.ConcurrentModificationException}, a broken iterator), the whole top-level value
 *       renders as {@code <unrepresentable SimpleClassName>} of that value. {@code of} never
 *       throws.
 *   <li>The result has at most {@code maxLength} Unicode code points, counted as Python's {@code
 *       len} counts them, so that Java and Python cut the same text at the same place (values below {@value
 *       TrackingState#MIN_MAX_ATTRIBUTE_LENGTH} count as {@value
 *       TrackingState#MIN_MAX_ATTRIBUTE_LENGTH}): a longer text is cut by {@link #truncate}.
 *       Rendering stops as soon as the limit is passed, so a ten-million-element list or a 10 MB
 *       string costs about as much as a short one.
 * </ul>
 */
public final class Repr {

  /**
   * How many containers deep rendering goes; a container nested deeper renders as {@code [...]}.
   */
  static final int MAX_DEPTH = 256;

  private static final String NULL = "null";
  private static final String ELLIPSIS = "...";
  private static final String LIST_CYCLE = "[...]";
  private static final String MAP_CYCLE = "{...}";
  private static final String SEPARATOR = ", ";
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /**
   * The largest limit honoured, a little below {@link Integer#MAX_VALUE} so that {@code limit + 1}
   * and similar budget arithmetic cannot overflow. No real string gets that long anyway.
   */
  private static final int MAX_LIMIT = Integer.MAX_VALUE - 16;

  /** A container's builder starts this big (or at the limit, if smaller) and grows as needed. */
  private static final int CONTAINER_CAPACITY = 64;

  private Repr() {}

  /** Renders {@code value} within {@link TrackingState#maxAttributeLength()} code points. */
  public static String of(Object value) {
    return of(value, TrackingState.maxAttributeLength());
  }

  /** Renders {@code value} within {@code maxLength} code points (at least 4); never throws. */
  public static String of(Object value, int maxLength) {
    int limit = limit(maxLength);
    if (value == null) {
      return NULL;
    }
    if (value instanceof String) {
      String quoted = quoteIfPlain((String) value, limit);
      if (quoted != null) {
        return quoted;
      }
    } else if (isLeaf(value)) {
      // Numbers, booleans, enums and other objects: no builder needed.
      return truncate(leafText(value), limit);
    }
    try {
      Renderer renderer = new Renderer(limit, initialCapacity(value, limit));
      renderer.value(value);
      return renderer.result();
    } catch (Throwable t) {
      // A collection or map failed while being iterated (or something worse): the whole value
      // becomes unrepresentable, and the caller's traced call goes on.
      return truncate(unrepresentable(value), limit);
    }
  }

  /** Renders {@code value} as a quoted char literal ({@code 'c'}), like a {@link Character}. */
  public static String of(char value) {
    return truncate(charLiteral(value), TrackingState.maxAttributeLength());
  }

  /** Renders {@code value} as {@link String#valueOf(boolean)}. */
  public static String of(boolean value) {
    return truncate(String.valueOf(value), TrackingState.maxAttributeLength());
  }

  /** Renders {@code value} as {@link String#valueOf(int)}. */
  static String of(byte value) {
    return truncate(String.valueOf(value), TrackingState.maxAttributeLength());
  }

  /** Renders {@code value} as {@link String#valueOf(int)}. */
  static String of(short value) {
    return truncate(String.valueOf(value), TrackingState.maxAttributeLength());
  }

  /** Renders {@code value} as {@link String#valueOf(int)}. */
  public static String of(int value) {
    return truncate(String.valueOf(value), TrackingState.maxAttributeLength());
  }

  /** Renders {@code value} as {@link String#valueOf(long)}. */
  public static String of(long value) {
    return truncate(String.valueOf(value), TrackingState.maxAttributeLength());
  }

  /** Renders {@code value} as {@link String#valueOf(float)}. */
  public static String of(float value) {
    return truncate(String.valueOf(value), TrackingState.maxAttributeLength());
  }

  /** Renders {@code value} as {@link String#valueOf(double)}. */
  public static String of(double value) {
    return truncate(String.valueOf(value), TrackingState.maxAttributeLength());
  }

  /**
   * Returns {@code text} if it has at most {@code maxLength} Unicode code points (at least 4),
   * counted as Python's {@code len} counts them (a surrogate pair is one, a lone surrogate is one),
   * else its first {@code maxLength - 3} code points followed by {@code ...}; a surrogate pair is
   * never split. Reads no further into {@code text} than the limit. Returns {@code null} for
   * {@code null}.
   */
  static String truncate(String text, int maxLength) {
    int limit = limit(maxLength);
    if (text == null || text.length() <= limit) {
      return text; // never more code points than chars
    }
    if (endOfCodePoints(text, limit) == text.length()) {
      return text;
    }
    int cut = Character.offsetByCodePoints(text, 0, limit - ELLIPSIS.length());
    return new StringBuilder(cut + ELLIPSIS.length())
        .append(text, 0, cut)
        .append(ELLIPSIS)
        .toString();
  }

  /**
   * {@code text} cut like {@link #truncate(String, int)}, and read no further than needed: a text
   * of many megabytes costs as much as one at the limit.
   */
  static String truncate(CharSequence text, int maxLength) {
    int limit = limit(maxLength);
    int end = endOfCodePoints(text, limit + 1);
    return truncate(text.subSequence(0, end).toString(), limit);
  }

  private static int limit(int maxLength) {
    return Math.min(Math.max(TrackingState.MIN_MAX_ATTRIBUTE_LENGTH, maxLength), MAX_LIMIT);
  }

  /**
   * The index just past the first {@code codePoints} code points of {@code text}, or its length
   * when it has fewer; a surrogate pair counts as one code point.
   */
  private static int endOfCodePoints(CharSequence text, int codePoints) {
    int length = text.length();
    int i = 0;
    for (int counted = 0; counted < codePoints && i < length; counted++) {
      if (Character.isHighSurrogate(text.charAt(i))
          && i + 1 < length
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i += 2;
      } else {
        i++;
      }
    }
    return i;
  }

  /** The hot path: a short string with nothing to escape is quoted with a single concatenation. */
  private static String quoteIfPlain(String text, int limit) {
    int length = text.length();
    if (length > limit - 2) {
      return null;
    }
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\' || isControl(c)) {
        return null;
      }
    }
    return '"' + text + '"';
  }

  /** Whether {@code value} renders as its own {@code toString()} (no quoting, no elements). */
  private static boolean isLeaf(Object value) {
    if (isBoxedPrimitive(value.getClass())) {
      return true;
    }
    return !(value instanceof CharSequence
        || value instanceof Character
        || value instanceof Collection
        || value instanceof Map
        || value instanceof Optional
        || value instanceof OptionalInt
        || value instanceof OptionalLong
        || value instanceof OptionalDouble
        || value.getClass().isArray());
  }

  /**
   * Boxed numbers and booleans, tested by exact class before any interface {@code instanceof}: on
   * JDK 17 a failed interface test (CharSequence, Collection, Map) scans the class's secondary
   * supertypes every time, a cost paid again for each element of a list of numbers (measured in
   * track-benchmarks, see its RESULTS.md).
   */
  private static boolean isBoxedPrimitive(Class<?> type) {
    return type == Integer.class
        || type == Long.class
        || type == Double.class
        || type == Boolean.class
        || type == Float.class
        || type == Short.class
        || type == Byte.class;
  }

  private static int initialCapacity(Object value, int limit) {
    int estimate =
        value instanceof String
            ? Math.min(((String) value).length(), limit) + 16
            : CONTAINER_CAPACITY;
    return Math.min(estimate, limit + 1);
  }

  /** {@code value.toString()}, {@code null} for a null result, or the unrepresentable marker. */
  private static String leafText(Object value) {
    try {
      String text = value.toString();
      return text == null ? NULL : text;
    } catch (Throwable t) {
      // Whatever toString does wrong (including recursing into itself) must not reach the caller.
      return unrepresentable(value);
    }
  }

  static String unrepresentable(Object value) {
    Class<?> type = value.getClass();
    String name;
    try {
      name = type.getSimpleName();
    } catch (Throwable t) {
      // Malformed class names can make getSimpleName throw; the binary name always works.
      name = "";
    }
    if (name.isEmpty()) {
      name = type.getName();
    }
    return "<unrepresentable " + name + ">";
  }

  private static boolean isControl(char c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f);
  }

  /** The escape for {@code c} inside {@code quote}-delimited text, or {@code null} if none. */
  private static String escape(char c, char quote) {
    switch (c) {
      case '\\':
        return "\\\\";
      case '\n':
        return "\\n";
      case '\r':
        return "\\r";
      case '\t':
        return "\\t";
      case '\b':
        return "\\b";
      case '\f':
        return "\\f";
      case '"':
        return quote == '"' ? "\\\"" : null;
      case '\'':
        return quote == '\'' ? "\\'" : null;
      default:
        // A char on its own may be half of a surrogate pair (an element of a char[] holding an
        // emoji); written raw it would make the attribute malformed UTF-16, so it is escaped.
        // Strings keep their pairs and are not affected.
        return isControl(c) || (quote == '\'' && Character.isSurrogate(c)) ? unicodeEscape(c) : null;
    }
  }

  private static String unicodeEscape(char c) {
    return new String(
        new char[] {
          '\\', 'u', HEX[(c >> 12) & 0xf], HEX[(c >> 8) & 0xf], HEX[(c >> 4) & 0xf], HEX[c & 0xf]
        });
  }

  private static String charLiteral(char c) {
    String escape = escape(c, '\'');
    return escape == null ? "'" + c + "'" : "'" + escape + "'";
  }

  /**
   * One rendering: a single builder with a budget of {@code limit + 1} code points (one more than
   * fits, which is how we know a cut is needed) and the path of containers being rendered.
   * Appending stops, and so does iterating, as soon as the builder holds more than {@code limit}
   * code points. Short fixed pieces (a number, a char literal) may overshoot by a few characters;
   * the cut only looks at the first {@code limit + 1}, so that changes nothing.
   */
  private static final class Renderer {
    private final int limit;
    private final StringBuilder out;

    /** How far {@link #codePoints()} has counted, and the surrogate pairs it found before there. */
    private int counted;

    private int pairs;

    /** The containers from the top-level value down to the one being rendered, by identity. */
    private Object[] path = new Object[8];

    private int depth;

    Renderer(int limit, int capacity) {
      this.limit = limit;
      this.out = new StringBuilder(capacity);
    }

    String result() {
      if (!full()) {
        return out.toString();
      }
      out.setLength(Character.offsetByCodePoints(out, 0, limit - ELLIPSIS.length()));
      return out.append(ELLIPSIS).toString();
    }

    /**
     * The code points in the builder, counting only what was appended since the last count, so
     * that rendering stays linear. A pair split across two counts is found by looking back.
     */
    private int codePoints() {
      if (counted > out.length()) { // the builder was cut back (an unrepresentable element)
        counted = 0;
        pairs = 0;
      }
      for (int length = out.length(); counted < length; counted++) {
        if (counted > 0
            && Character.isLowSurrogate(out.charAt(counted))
            && Character.isHighSurrogate(out.charAt(counted - 1))) {
          pairs++;
        }
      }
      return out.length() - pairs;
    }

    /** Whether the builder holds more than {@code limit} code points; cheap until it has more chars. */
    private boolean full() {
      return out.length() > limit && codePoints() > limit;
    }

    /**
     * How many more code points the budget takes: exact, since a quoted string stops reading its
     * text once this many code points are taken, and an estimate from the builder's chars would
     * stop short of the limit (and of the cut) whenever the builder holds surrogate pairs.
     */
    private int room() {
      return limit + 1 - codePoints();
    }

    /** Appends as much of {@code text} as the budget takes. */
    private void text(String text) {
      int room = room();
      if (room <= 0) {
        return;
      }
      // room code points are at most 2 * room chars; a few more chars than fit are cut later.
      if (text.length() <= room) {
        out.append(text);
      } else {
        out.append(text, 0, Math.min(text.length(), 2 * room));
      }
    }

    private void text(char c) {
      if (!full()) {
        out.append(c);
      }
    }

    void value(Object value) {
      if (value == null) {
        text(NULL);
        return;
      }
      // The usual elements first, by exact class (see isBoxedPrimitive); integers are appended
      // without a String of their own.
      Class<?> type = value.getClass();
      if (type == Integer.class || type == Long.class || type == Short.class || type == Byte.class) {
        out.append(((Number) value).longValue());
      } else if (type == String.class) {
        charSequence((String) value);
      } else if (isBoxedPrimitive(type)) {
        text(value.toString());
      } else if (value instanceof CharSequence) {
        charSequence((CharSequence) value);
      } else if (value instanceof Character) {
        character((Character) value);
      } else if (value instanceof Collection) {
        collection((Collection<?>) value);
      } else if (value instanceof Map) {
        map((Map<?, ?>) value);
      } else if (value.getClass().isArray()) {
        array(value);
      } else if (value instanceof Optional) {
        optional((Optional<?>) value);
      } else if (value instanceof OptionalInt) {
        OptionalInt optional = (OptionalInt) value;
        text(
            optional.isPresent()
                ? "OptionalInt[" + optional.getAsInt() + "]"
                : "OptionalInt.empty");
      } else if (value instanceof OptionalLong) {
        OptionalLong optional = (OptionalLong) value;
        text(
            optional.isPresent()
                ? "OptionalLong[" + optional.getAsLong() + "]"
                : "OptionalLong.empty");
      } else if (value instanceof OptionalDouble) {
        OptionalDouble optional = (OptionalDouble) value;
        text(
            optional.isPresent()
                ? "OptionalDouble[" + optional.getAsDouble() + "]"
                : "OptionalDouble.empty");
      } else {
        text(leafText(value));
      }
    }

    /**
     * Quotes {@code text}, copying runs without escapes in one append and reading no further than
     * the budget. A CharSequence that throws (other than String, which cannot) renders as
     * unrepresentable in place, like a throwing toString.
     */
    private void charSequence(CharSequence text) {
      int mark = out.length();
      try {
        out.append('"');
        int length = text.length();
        int room = room();
        int runStart = 0;
        int i = 0;
        char previous = 0;
        while (i < length && room > 0) {
          char c = text.charAt(i);
          String escape = escape(c, '"');
          if (escape != null) {
            out.append(text, runStart, i);
            text(escape);
            runStart = i + 1;
            room = room();
          } else if (!(Character.isLowSurrogate(c) && Character.isHighSurrogate(previous))) {
            room--; // the low half of a pair is part of the code point already counted
          }
          previous = c;
          i++;
        }
        if (i < length && Character.isHighSurrogate(previous) && Character.isLowSurrogate(text.charAt(i))) {
          i++; // the last code point taken is a pair: take it whole
        }
        out.append(text, runStart, i);
        if (i == length) {
          text('"');
        }
      } catch (Throwable t) {
        out.setLength(mark);
        text(unrepresentable(text));
      }
    }

    private void character(char c) {
      out.append('\'');
      String escape = escape(c, '\'');
      if (escape == null) {
        out.append(c);
      } else {
        out.append(escape);
      }
      out.append('\'');
    }

    /**
     * Pushes {@code container} on the path, or writes {@code marker} for a cycle or the depth cap.
     */
    private boolean enter(Object container, String marker) {
      if (depth >= MAX_DEPTH || isOnPath(container)) {
        text(marker);
        return false;
      }
      if (depth == path.length) {
        path = Arrays.copyOf(path, Math.min(path.length * 2, MAX_DEPTH));
      }
      path[depth++] = container;
      return true;
    }

    private void exit() {
      path[--depth] = null;
    }

    private boolean isOnPath(Object container) {
      for (int i = 0; i < depth; i++) {
        if (path[i] == container) {
          return true;
        }
      }
      return false;
    }

    private void collection(Collection<?> collection) {
      if (!enter(collection, LIST_CYCLE)) {
        return;
      }
      out.append('[');
      Iterator<?> elements = collection.iterator();
      for (boolean first = true; !full() && elements.hasNext(); first = false) {
        if (!first) {
          text(SEPARATOR);
        }
        value(elements.next());
      }
      text(']');
      exit();
    }

    private void map(Map<?, ?> map) {
      if (!enter(map, MAP_CYCLE)) {
        return;
      }
      out.append('{');
      Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
      for (boolean first = true; !full() && entries.hasNext(); first = false) {
        if (!first) {
          text(SEPARATOR);
        }
        Map.Entry<?, ?> entry = entries.next();
        value(entry.getKey());
        text(": ");
        value(entry.getValue());
      }
      text('}');
      exit();
    }

    private void optional(Optional<?> optional) {
      if (optional.isEmpty()) {
        text("Optional.empty");
        return;
      }
      if (!enter(optional, "Optional[...]")) {
        return;
      }
      text("Optional[");
      value(optional.get());
      text(']');
      exit();
    }

    private void separator(int index) {
      if (index > 0) {
        text(SEPARATOR);
      }
    }

    private void array(Object array) {
      if (!enter(array, LIST_CYCLE)) {
        return;
      }
      out.append('[');
      if (array instanceof Object[]) {
        Object[] elements = (Object[]) array;
        for (int i = 0; i < elements.length && !full(); i++) {
          separator(i);
          value(elements[i]);
        }
      } else if (array instanceof int[]) {
        int[] elements = (int[]) array;
        for (int i = 0; i < elements.length && !full(); i++) {
          separator(i);
          out.append(elements[i]);
        }
      } else if (array instanceof long[]) {
        long[] elements = (long[]) array;
        for (int i = 0; i < elements.length && !full(); i++) {
          separator(i);
          out.append(elements[i]);
        }
      } else if (array instanceof double[]) {
        double[] elements = (double[]) array;
        for (int i = 0; i < elements.length && !full(); i++) {
          separator(i);
          out.append(elements[i]);
        }
      } else if (array instanceof float[]) {
        float[] elements = (float[]) array;
        for (int i = 0; i < elements.length && !full(); i++) {
          separator(i);
          out.append(elements[i]);
        }
      } else if (array instanceof byte[]) {
        byte[] elements = (byte[]) array;
        for (int i = 0; i < elements.length && !full(); i++) {
          separator(i);
          out.append(elements[i]);
        }
      } else if (array instanceof short[]) {
        short[] elements = (short[]) array;
        for (int i = 0; i < elements.length && !full(); i++) {
          separator(i);
          out.append(elements[i]);
        }
      } else if (array instanceof char[]) {
        char[] elements = (char[]) array;
        for (int i = 0; i < elements.length && !full(); i++) {
          separator(i);
          character(elements[i]);
        }
      } else if (array instanceof boolean[]) {
        boolean[] elements = (boolean[]) array;
        for (int i = 0; i < elements.length && !full(); i++) {
          separator(i);
          out.append(elements[i]);
        }
      }
      text(']');
      exit();
    }
  }
}
