package studio.bud.track.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.math.BigDecimal;
import java.util.AbstractCollection;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReprTest {

  private static final int BIG = Integer.MAX_VALUE;

  @BeforeEach
  @AfterEach
  void resetMaxAttributeLength() {
    TrackingState.setMaxAttributeLength(TrackingState.DEFAULT_MAX_ATTRIBUTE_LENGTH);
  }

  // --- The Python seed's helper tests, translated ---

  @Test
  void shortStringIsUnchangedApartFromQuotes() {
    assertThat(Repr.of("hello")).isEqualTo("\"hello\"");
  }

  @Test
  void longStringIsTruncatedTo1000CharactersEndingInEllipsis() {
    String rendered = Repr.of("x".repeat(5000));

    assertThat(rendered).hasSize(1000).startsWith("\"xxx").endsWith("xxx...");
  }

  @Test
  void brokenToStringIsHandledGracefully() {
    assertThat(Repr.of(new Broken())).isEqualTo("<unrepresentable Broken>");
  }

  // --- Scalars ---

  @Test
  void nullRendersAsNull() {
    assertThat(Repr.of(null)).isEqualTo("null");
    assertThat(Repr.of(null, 4)).isEqualTo("null");
  }

  @Test
  void stringIsQuotedWithJavaEscapes() {
    assertThat(Repr.of("a\"b\n")).isEqualTo("\"a\\\"b\\n\"");
    assertThat(Repr.of("\\ \" \n \r \t \b \f")).isEqualTo("\"\\\\ \\\" \\n \\r \\t \\b \\f\"");
  }

  @Test
  void otherIsoControlCharactersInStringsBecomeUnicodeEscapes() {
    assertThat(Repr.of("a\u0000b\u0001c\u001bd\u007fe\u009ff"))
        .isEqualTo("\"a\\u0000b\\u0001c\\u001bd\\u007fe\\u009ff\"");
  }

  @Test
  void singleQuoteAndNonControlCharactersInStringsAreNotEscaped() {
    assertThat(Repr.of("it's é \u00a0 😀")).isEqualTo("\"it's é \u00a0 😀\"");
  }

  @Test
  void otherCharSequencesAreQuotedLikeStrings() {
    assertThat(Repr.of(new StringBuilder("a\tb"))).isEqualTo("\"a\\tb\"");
  }

  @Test
  void charSequenceThatThrowsRendersAsUnrepresentableInPlace() {
    CharSequence broken = new ThrowingCharSequence();

    assertThat(Repr.of(broken)).isEqualTo("<unrepresentable ThrowingCharSequence>");
    assertThat(Repr.of(List.of(1, broken, 2)))
        .isEqualTo("[1, <unrepresentable ThrowingCharSequence>, 2]");
  }

  @Test
  void characterIsSingleQuotedWithEscapes() {
    assertThat(Repr.of(Character.valueOf('c'))).isEqualTo("'c'");
    assertThat(Repr.of(Character.valueOf('\''))).isEqualTo("'\\''");
    assertThat(Repr.of(Character.valueOf('\\'))).isEqualTo("'\\\\'");
    assertThat(Repr.of(Character.valueOf('\n'))).isEqualTo("'\\n'");
    assertThat(Repr.of(Character.valueOf('\u0007'))).isEqualTo("'\\u0007'");
    assertThat(Repr.of(Character.valueOf('"'))).isEqualTo("'\"'");
  }

  @Test
  void primitiveCharRendersLikeBoxedCharacter() {
    for (char c : new char[] {'c', '\'', '\\', '"', '\n', '\r', '\t', '\b', '\f', '\u0000', 'é'}) {
      assertThat(Repr.of(c)).isEqualTo(Repr.of(Character.valueOf(c)));
    }
    assertThat(Repr.of('x')).isEqualTo("'x'");
    assertThat(Repr.of('\t')).isEqualTo("'\\t'");
  }

  @Test
  void primitiveOverloadsRenderAsStringValueOf() {
    assertThat(Repr.of(true)).isEqualTo("true");
    assertThat(Repr.of((byte) -7)).isEqualTo("-7");
    assertThat(Repr.of((short) 300)).isEqualTo("300");
    assertThat(Repr.of(42)).isEqualTo("42");
    assertThat(Repr.of(Long.MIN_VALUE)).isEqualTo("-9223372036854775808");
    assertThat(Repr.of(1.5f)).isEqualTo("1.5");
    assertThat(Repr.of(-0.25d)).isEqualTo("-0.25");
    assertThat(Repr.of(Double.NaN)).isEqualTo("NaN");
  }

  @Test
  void primitiveOverloadsAreTruncatedToTheConfiguredLength() {
    TrackingState.setMaxAttributeLength(10);

    assertThat(Repr.of(Long.MIN_VALUE)).isEqualTo("-922337...");
    assertThat(Repr.of('\u0000')).isEqualTo("'\\u0000'");
  }

  @Test
  void numbersBooleansAndEnumsUseToString() {
    assertThat(Repr.of(Integer.valueOf(7))).isEqualTo("7");
    assertThat(Repr.of(Long.valueOf(-8L))).isEqualTo("-8");
    assertThat(Repr.of(Double.valueOf(2.5))).isEqualTo("2.5");
    assertThat(Repr.of(new BigDecimal("1.50"))).isEqualTo("1.50");
    assertThat(Repr.of(Boolean.FALSE)).isEqualTo("false");
    assertThat(Repr.of(TimeUnit.SECONDS)).isEqualTo("SECONDS");
    assertThat(Repr.of(Shade.DARK)).isEqualTo("dark!");
  }

  @Test
  void boxedElementsRenderAsTheirToStringThroughTheExactClassFastPath() {
    List<Object> boxed =
        List.of(
            Integer.MIN_VALUE, Long.MIN_VALUE, (short) -3, (byte) 4, 2.5, -0.0f, Double.NaN, true);
    assertThat(Repr.of(boxed))
        .isEqualTo("[-2147483648, -9223372036854775808, -3, 4, 2.5, -0.0, NaN, true]");
    assertThat(Repr.of(Map.of(1, 2L))).isEqualTo("{1: 2}");
    assertThat(Repr.of(Optional.of((short) 5))).isEqualTo("Optional[5]");
  }

  @Test
  void otherObjectsUseToString() {
    assertThat(Repr.of(new Named("box"))).isEqualTo("Named(box)");
  }

  // --- Containers ---

  @Test
  void everyPrimitiveArrayTypeRendersAsBracketedList() {
    assertThat(Repr.of(new int[] {1, -2, 3})).isEqualTo("[1, -2, 3]");
    assertThat(Repr.of(new long[] {4L, Long.MAX_VALUE})).isEqualTo("[4, 9223372036854775807]");
    assertThat(Repr.of(new short[] {5, 6})).isEqualTo("[5, 6]");
    assertThat(Repr.of(new byte[] {7, -8})).isEqualTo("[7, -8]");
    assertThat(Repr.of(new char[] {'a', '\'', '\n'})).isEqualTo("['a', '\\'', '\\n']");
    assertThat(Repr.of(new boolean[] {true, false})).isEqualTo("[true, false]");
    assertThat(Repr.of(new float[] {1.5f, -0f})).isEqualTo("[1.5, -0.0]");
    assertThat(Repr.of(new double[] {2.25, Double.POSITIVE_INFINITY}))
        .isEqualTo("[2.25, Infinity]");
    assertThat(Repr.of(new int[0])).isEqualTo("[]");
  }

  @Test
  void objectArrayRendersElementsByTheSameRules() {
    Object[] array = {"a\"", 1, null, 'c', new int[] {2}, List.of("x")};

    assertThat(Repr.of(array)).isEqualTo("[\"a\\\"\", 1, null, 'c', [2], [\"x\"]]");
    assertThat(Repr.of(new String[0])).isEqualTo("[]");
  }

  @Test
  void nestedCollectionsRenderRecursively() {
    List<Object> nested = List.of(List.of(1, 2), Set.of(), List.of(List.of("deep")));

    assertThat(Repr.of(nested)).isEqualTo("[[1, 2], [], [[\"deep\"]]]");
    assertThat(Repr.of(Arrays.asList(null, "b"))).isEqualTo("[null, \"b\"]");
  }

  @Test
  void mapRendersKeysAndValuesByTheSameRules() {
    Map<Object, Object> map = new LinkedHashMap<>();
    map.put("a", 1);
    map.put(2, List.of("x", 'y'));
    map.put('k', Map.of("inner", new long[] {3L}));

    assertThat(Repr.of(map)).isEqualTo("{\"a\": 1, 2: [\"x\", 'y'], 'k': {\"inner\": [3]}}");
    assertThat(Repr.of(Map.of())).isEqualTo("{}");
  }

  @Test
  void nullMapKeysAndValuesRenderAsNull() {
    Map<String, String> map = new LinkedHashMap<>();
    map.put(null, "v");
    map.put("k", null);

    assertThat(Repr.of(map)).isEqualTo("{null: \"v\", \"k\": null}");
  }

  @Test
  void optionalVariantsRenderWithTheirTypeName() {
    assertThat(Repr.of(Optional.of("x"))).isEqualTo("Optional[\"x\"]");
    assertThat(Repr.of(Optional.of(List.of(1, 2)))).isEqualTo("Optional[[1, 2]]");
    assertThat(Repr.of(Optional.empty())).isEqualTo("Optional.empty");
    assertThat(Repr.of(OptionalInt.of(3))).isEqualTo("OptionalInt[3]");
    assertThat(Repr.of(OptionalInt.empty())).isEqualTo("OptionalInt.empty");
    assertThat(Repr.of(OptionalLong.of(-4L))).isEqualTo("OptionalLong[-4]");
    assertThat(Repr.of(OptionalLong.empty())).isEqualTo("OptionalLong.empty");
    assertThat(Repr.of(OptionalDouble.of(0.5))).isEqualTo("OptionalDouble[0.5]");
    assertThat(Repr.of(OptionalDouble.empty())).isEqualTo("OptionalDouble.empty");
    assertThat(Repr.of(List.of(Optional.empty(), OptionalInt.of(1))))
        .isEqualTo("[Optional.empty, OptionalInt[1]]");
  }

  // --- Cycles and depth ---

  @Test
  void selfContainingListRendersInnerReferenceAsEllipsis() {
    List<Object> list = new ArrayList<>();
    list.add(1);
    list.add(list);

    assertThat(Repr.of(list, BIG)).isEqualTo("[1, [...]]");
  }

  @Test
  void indirectCycleIsDetected() {
    List<Object> outer = new ArrayList<>();
    List<Object> inner = new ArrayList<>();
    outer.add(inner);
    inner.add("in");
    inner.add(outer);

    assertThat(Repr.of(outer, BIG)).isEqualTo("[[\"in\", [...]]]");
  }

  @Test
  void selfContainingArrayRendersInnerReferenceAsEllipsis() {
    Object[] array = new Object[2];
    array[0] = "x";
    array[1] = array;

    assertThat(Repr.of(array, BIG)).isEqualTo("[\"x\", [...]]");
  }

  @Test
  void selfContainingMapRendersInnerReferenceAsBraces() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("n", 1);
    map.put("me", map);

    assertThat(Repr.of(map, BIG)).isEqualTo("{\"n\": 1, \"me\": {...}}");
  }

  @Test
  void mapReachedThroughAListCycleRendersAsBraces() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("list", List.of(map));

    assertThat(Repr.of(map, BIG)).isEqualTo("{\"list\": [{...}]}");
  }

  @Test
  void sameListTwiceSideBySideIsNotACycle() {
    List<Integer> shared = List.of(1, 2);
    int[] sharedArray = {3};
    Map<String, Integer> sharedMap = Map.of("k", 4);

    assertThat(Repr.of(List.of(shared, shared))).isEqualTo("[[1, 2], [1, 2]]");
    assertThat(Repr.of(new Object[] {sharedArray, sharedArray})).isEqualTo("[[3], [3]]");
    assertThat(Repr.of(List.of(sharedMap, sharedMap))).isEqualTo("[{\"k\": 4}, {\"k\": 4}]");
  }

  @Test
  void containersNestedDeeperThanTheCapRenderAsEllipsis() {
    assertThat(Repr.MAX_DEPTH).isEqualTo(256);

    Object lists = "x";
    Object maps = "x";
    for (int i = 0; i < 300; i++) {
      lists = List.of(lists);
      maps = Map.of("k", maps);
    }
    Object exactlyAtCap = "x";
    for (int i = 0; i < Repr.MAX_DEPTH; i++) {
      exactlyAtCap = List.of(exactlyAtCap);
    }

    assertThat(Repr.of(lists, BIG)).isEqualTo("[".repeat(256) + "[...]" + "]".repeat(256));
    assertThat(Repr.of(maps, BIG)).isEqualTo("{\"k\": ".repeat(256) + "{...}" + "}".repeat(256));
    assertThat(Repr.of(exactlyAtCap, BIG)).isEqualTo("[".repeat(256) + "\"x\"" + "]".repeat(256));
  }

  @Test
  void tenThousandNestedListsDoNotOverflowTheStack() {
    List<Object> outer = new ArrayList<>();
    List<Object> current = outer;
    for (int i = 0; i < 10_000; i++) {
      List<Object> next = new ArrayList<>();
      current.add(next);
      current = next;
    }
    Object optionals = "x";
    for (int i = 0; i < 10_000; i++) {
      optionals = Optional.of(optionals);
    }

    assertThat(Repr.of(outer, BIG)).isEqualTo("[".repeat(256) + "[...]" + "]".repeat(256));
    assertThat(Repr.of(optionals, BIG))
        .isEqualTo("Optional[".repeat(256) + "Optional[...]" + "]".repeat(256));
  }

  // --- toString ---

  @Test
  void toStringThatThrowsRendersAsUnrepresentable() {
    assertThat(Repr.of(new Broken())).isEqualTo("<unrepresentable Broken>");
    assertThat(Repr.of(List.of(1, new Broken(), 2))).isEqualTo("[1, <unrepresentable Broken>, 2]");
    assertThat(Repr.of(Map.of(new Broken(), new Broken())))
        .isEqualTo("{<unrepresentable Broken>: <unrepresentable Broken>}");
  }

  @Test
  void anonymousClassThatThrowsUsesItsBinaryName() {
    Object anonymous =
        new Object() {
          @Override
          public String toString() {
            throw new UnsupportedOperationException();
          }
        };

    assertThat(Repr.of(anonymous))
        .isEqualTo("<unrepresentable " + anonymous.getClass().getName() + ">")
        .contains("ReprTest$");
  }

  @Test
  void toStringReturningNullRendersAsNull() {
    assertThat(Repr.of(new NullToString())).isEqualTo("null");
    assertThat(Repr.of(List.of(new NullToString()))).isEqualTo("[null]");
  }

  @Test
  void toStringRecursingForeverRendersAsUnrepresentable() {
    assertThat(Repr.of(new Recursive())).isEqualTo("<unrepresentable Recursive>");
    assertThat(Repr.of(List.of(new Recursive(), 1))).isEqualTo("[<unrepresentable Recursive>, 1]");
  }

  @Test
  void longToStringIsTruncated() {
    assertThat(Repr.of(new Named("y".repeat(100)), 20)).isEqualTo("Named(yyyyyyyyyyy...");
    assertThat(Repr.of(List.of(new Named("y".repeat(100))), 20)).isEqualTo("[Named(yyyyyyyyyy...");
  }

  // --- Length ---

  @Test
  void textLongerThanMaxLengthIsCutToMaxLengthMinusThreePlusEllipsis() {
    assertThat(Repr.of("abcdefghij", 8)).isEqualTo("\"abcd...");
    assertThat(Repr.of(List.of(1, 2, 3, 4, 5), 10)).isEqualTo("[1, 2, ...");
    assertThat(Repr.of(new int[] {10, 20, 30, 40}, 10)).isEqualTo("[10, 20...");
    assertThat(Repr.of(Map.of("key", "value"), 10)).isEqualTo("{\"key\":...");
    assertThat(Repr.of("a\nb\nc\nd", 8)).isEqualTo("\"a\\nb...");
  }

  @Test
  void textOfExactlyMaxLengthIsNotCut() {
    assertThat(Repr.of("abcdef", 8)).isEqualTo("\"abcdef\"");
    assertThat(Repr.of("abcdefg", 8)).isEqualTo("\"abcd...");
    assertThat(Repr.of(List.of(1, 2, 3), 9)).isEqualTo("[1, 2, 3]");
    assertThat(Repr.of(List.of(1, 2, 3), 8)).isEqualTo("[1, 2...");
  }

  @Test
  void everyRenderingOfManyShapesFitsEveryLimit() {
    List<Object> values =
        List.of(
            "plain text that is long enough",
            "esc\"aped\n\u0001 text",
            List.of("a", List.of(1, 2), Map.of("k", "v")),
            new double[] {1.25, 2.5, 3.75},
            new char[] {'\u0000', 'b', '\''},
            Optional.of("optional"),
            new Named("something"));
    for (Object value : values) {
      String full = Repr.of(value, BIG);
      for (int limit = 4; limit <= full.length() + 1; limit++) {
        String rendered = Repr.of(value, limit);
        if (full.length() <= limit) {
          assertThat(rendered).isEqualTo(full);
        } else {
          assertThat(rendered)
              .as("%s at %d", full, limit)
              .isEqualTo(full.substring(0, limit - 3) + "...");
        }
      }
    }
  }

  @Test
  void surrogatePairIsNeverSplitAtAnyCutPosition() {
    for (int offset = 0; offset < 4; offset++) {
      String text = "a".repeat(offset) + "😀".repeat(8) + "b𝄞c";
      String full = Repr.of(text, BIG);
      for (int limit = 4; limit <= full.length() + 1; limit++) {
        String rendered = Repr.of(text, limit);
        assertCutAt(full, limit, rendered);
        assertCutAt(text, limit, Repr.truncate(text, limit));
      }
    }
  }

  private static void assertCutAt(String full, int limit, String rendered) {
    if (full.codePointCount(0, full.length()) <= limit) {
      assertThat(rendered).isEqualTo(full);
      return;
    }
    int kept = full.offsetByCodePoints(0, limit - 3);
    assertThat(rendered)
        .as("%s cut at %d", full, limit)
        .isEqualTo(full.substring(0, kept) + "...");
    assertThat(rendered.codePointCount(0, rendered.length())).isEqualTo(limit);
    if (kept > 0) {
      assertThat(Character.isHighSurrogate(rendered.charAt(kept - 1))).isFalse();
    }
  }

  @Test
  void truncateCountsCodePointsAndNeverSplitsASurrogatePair() {
    assertThat(Repr.truncate("ab😀cde", 6)).isEqualTo("ab😀cde");
    assertThat(Repr.truncate("ab😀cdef", 6)).isEqualTo("ab😀...");
    assertThat(Repr.truncate("abc😀def", 6)).isEqualTo("abc...");
    assertThat(Repr.truncate("😀xyzw", 4)).isEqualTo("😀...");
    assertThat(Repr.truncate("😀😀😀😀", 4)).isEqualTo("😀😀😀😀");
  }

  @Test
  void emojiAreCutAtTheSameCodePointAsPythonCutsThem() {
    String emoji = "😀".repeat(1500);

    // Python: repr-like quoting, then text[:997] + "...": a quote, 996 emoji and the ellipsis.
    assertThat(Repr.of(emoji, 1000)).isEqualTo("\"" + "😀".repeat(996) + "...");
    assertThat(Repr.truncate(emoji, 1000)).isEqualTo("😀".repeat(997) + "...");
    assertThat(Repr.of(List.of(emoji), 1000)).isEqualTo("[\"" + "😀".repeat(995) + "...");
    assertThat(Repr.of("😀".repeat(999), 1000)).isEqualTo("\"" + "😀".repeat(996) + "...");
    assertThat(Repr.of("😀".repeat(998), 1000)).isEqualTo("\"" + "😀".repeat(998) + "\"");
  }

  @Test
  void aTenMillionEmojiTextIsReadOnlyAsFarAsTheLimit() {
    CountingCharSequence huge = new CountingCharSequence(10_000_000, '\uD83D', '\uDE00');

    String rendered = Repr.of(huge, 1000);

    assertThat(rendered).isEqualTo("\"" + "😀".repeat(996) + "...");
    // Two reads of each char within the budget (scan, then copy), and a few more at the cut.
    assertThat(huge.reads.get()).isLessThanOrEqualTo(2 * 2 * 1000 + 4);
  }

  @Test
  void truncateLeavesShortTextUnchanged() {
    String text = "abcd";

    assertThat(Repr.truncate(text, 4)).isSameAs(text);
    assertThat(Repr.truncate("abcdefgh", 6)).isEqualTo("abc...");
    assertThat(Repr.truncate(null, 10)).isNull();
  }

  @Test
  void tenMillionElementListRendersBounded() {
    CountingList tenMillion = new CountingList(10_000_000);

    String rendered = Repr.of(tenMillion, 1000);

    assertThat(rendered).hasSize(1000).startsWith("[0, 1, 2, ").endsWith("...");
    assertThat(tenMillion.reads.get()).isLessThan(1000);
    assertThat(Repr.of(Collections.nCopies(10_000_000, "x"))).hasSize(1000).endsWith("...");
  }

  @Test
  void tenMillionElementArrayAndMapRenderBounded() {
    assertThat(Repr.of(new long[10_000_000])).hasSize(1000).startsWith("[0, 0, ").endsWith("...");
    assertThat(Repr.of(new Object[10_000_000])).hasSize(1000).startsWith("[null, ").endsWith("...");
  }

  @Test
  void tenMegabyteStringRendersBounded() {
    assertThat(Repr.of("z".repeat(10_000_000))).hasSize(1000).endsWith("zz...");
    CountingCharSequence huge = new CountingCharSequence(10_000_000);

    assertThat(Repr.of(huge, 1000)).hasSize(1000).startsWith("\"qqq").endsWith("...");
    // Each character within the budget is read at most twice (scan, then copy), never ten million.
    assertThat(huge.reads.get()).isLessThanOrEqualTo(2 * 1000);
  }

  @Test
  void ofWithoutLengthUsesTheConfiguredMaxAttributeLength() {
    TrackingState.setMaxAttributeLength(10);

    assertThat(Repr.of("abcdefghijklmnop")).isEqualTo("\"abcdef...");
    assertThat(Repr.of((Object) List.of(1, 2, 3, 4, 5))).isEqualTo("[1, 2, ...");
  }

  @Test
  void maxLengthBelowFourIsTreatedAsFour() {
    assertThat(Repr.of("abcdef", 3)).isEqualTo("\"...");
    assertThat(Repr.of("abcdef", 0)).isEqualTo("\"...");
    assertThat(Repr.of("abcdef", Integer.MIN_VALUE)).isEqualTo("\"...");
    assertThat(Repr.of(List.of(1, 2), -1)).isEqualTo("[...");
    assertThat(Repr.of(new Named("n"), 2)).isEqualTo("N...");
    assertThat(Repr.of("ab", 1)).isEqualTo("\"ab\"");
    assertThat(Repr.truncate("abcdef", 2)).isEqualTo("a...");
  }

  // --- Failures while iterating ---

  @Test
  void listModifiedWhileRenderingRendersWholeValueAsUnrepresentable() {
    List<Object> list = new ArrayList<>();
    list.add(1);
    list.add(
        new Object() {
          @Override
          public String toString() {
            list.add("added while rendering");
            return "modifier";
          }
        });
    list.add(3);
    List<Object> outer = List.of("before", list);

    assertThat(Repr.of(list)).isEqualTo("<unrepresentable ArrayList>");
    assertThat(Repr.of(outer))
        .isEqualTo("<unrepresentable " + outer.getClass().getSimpleName() + ">");
  }

  @Test
  void iteratorThatThrowsRendersWholeTopLevelValueAsUnrepresentable() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("fine", 1);
    map.put("broken", new ThrowingCollection());

    assertThat(Repr.of(new ThrowingCollection())).isEqualTo("<unrepresentable ThrowingCollection>");
    assertThat(Repr.of(map)).isEqualTo("<unrepresentable LinkedHashMap>");
  }

  @Test
  void listModifiedByAnotherThreadNeverMakesOfThrow() throws InterruptedException {
    List<Integer> list = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      list.add(i);
    }
    AtomicBoolean stop = new AtomicBoolean();
    Thread writer =
        new Thread(
            () -> {
              while (!stop.get()) {
                list.add(-1);
                list.remove(list.size() - 1);
              }
            });
    writer.start();
    try {
      for (int i = 0; i < 2_000; i++) {
        String[] rendered = new String[1];
        assertThatCode(() -> rendered[0] = Repr.of(list, 400)).doesNotThrowAnyException();
        assertThat(rendered[0])
            .hasSizeLessThanOrEqualTo(400)
            .satisfiesAnyOf(
                r -> assertThat(r).startsWith("[0, 1, 2"),
                r -> assertThat(r).isEqualTo("<unrepresentable ArrayList>"));
      }
    } finally {
      stop.set(true);
      writer.join();
    }
  }

  // --- Fixtures ---

  private enum Shade {
    DARK;

    @Override
    public String toString() {
      return "dark!";
    }
  }

  private static class Named {
    private final String name;

    Named(String name) {
      this.name = name;
    }

    @Override
    public String toString() {
      return "Named(" + name + ")";
    }
  }

  private static final class Broken {
    @Override
    public String toString() {
      throw new IllegalStateException("no repr");
    }
  }

  private static final class NullToString {
    @Override
    public String toString() {
      return null;
    }
  }

  private static final class Recursive {
    @Override
    public String toString() {
      return "again " + this;
    }
  }

  /** A list that costs nothing to hold and counts how many elements were read. */
  private static final class CountingList extends AbstractList<Integer> {
    final AtomicInteger reads = new AtomicInteger();
    private final int size;

    CountingList(int size) {
      this.size = size;
    }

    @Override
    public Integer get(int index) {
      reads.incrementAndGet();
      return index;
    }

    @Override
    public int size() {
      return size;
    }
  }

  /** A long text of {@code pattern} repeated, that counts the characters read from it. */
  private static final class CountingCharSequence implements CharSequence {
    final AtomicInteger reads = new AtomicInteger();
    private final int length;
    private final char[] pattern;

    CountingCharSequence(int length, char... pattern) {
      this.length = length;
      this.pattern = pattern.length == 0 ? new char[] {'q'} : pattern;
    }

    @Override
    public int length() {
      return length;
    }

    @Override
    public char charAt(int index) {
      reads.incrementAndGet();
      return pattern[index % pattern.length];
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      StringBuilder text = new StringBuilder(end - start);
      for (int i = start; i < end; i++) {
        text.append(pattern[i % pattern.length]);
      }
      return text.toString();
    }

    @Override
    public String toString() {
      return subSequence(0, length).toString();
    }
  }

  private static final class ThrowingCharSequence implements CharSequence {
    @Override
    public int length() {
      return 5;
    }

    @Override
    public char charAt(int index) {
      if (index == 2) {
        throw new IndexOutOfBoundsException(index);
      }
      return 'w';
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      throw new UnsupportedOperationException();
    }

    @Override
    public String toString() {
      return "wwwww";
    }
  }

  /** Yields one element, then its iterator throws. */
  private static final class ThrowingCollection extends AbstractCollection<Object> {
    @Override
    public Iterator<Object> iterator() {
      return new Iterator<>() {
        private int next;

        @Override
        public boolean hasNext() {
          return true;
        }

        @Override
        public Object next() {
          if (next++ == 0) {
            return "first";
          }
          throw new IllegalStateException("iterator broke");
        }
      };
    }

    @Override
    public int size() {
      throw new NoSuchElementException("size is not known");
    }
  }
}
