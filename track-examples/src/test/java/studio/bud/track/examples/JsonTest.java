package studio.bud.track.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void parsesObjectsArraysAndScalars() {
    Object parsed =
        Json.parse(
            " {\"a\": [1, -2.5e3, true, false, null], \"b\": {\"c\": \"d\"}, \"e\": [], \"f\":"
                + " {}} ");

    assertThat(parsed)
        .isEqualTo(
            Map.of(
                "a",
                Arrays.asList(new BigDecimal("1"), new BigDecimal("-2.5e3"), true, false, null),
                "b",
                Map.of("c", "d"),
                "e",
                List.of(),
                "f",
                Map.of()));
  }

  @Test
  void decodesEveryStringEscape() {
    assertThat(Json.parse("\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9\\u4E2D\""))
        .isEqualTo("q\" b\\ s/ \b\f\n\r\t \u00e9\u4e2d");
  }

  @Test
  void quoteRoundTripsThroughParse() {
    String text = "line\nbreak \"quoted\" back\\slash \u0000\u001f tab\t \ud83d\ude00";

    assertThat(Json.parse(Json.quote(text))).isEqualTo(text);
    assertThat(Json.quote("a\u0001")).isEqualTo("\"a\\u0001\"");
  }

  @Test
  void atWalksKeysAndIndexesAndGivesNullForMissingSteps() {
    Object parsed = Json.parse("{\"choices\":[{\"message\":{\"content\":\"hi\"}}]}");

    assertThat(Json.at(parsed, "choices", 0, "message", "content")).isEqualTo("hi");
    assertThat(Json.at(parsed, "choices", 1, "message")).isNull();
    assertThat(Json.at(parsed, "choices", "message")).isNull();
    assertThat(Json.at(null, "anything")).isNull();
  }

  @Test
  void rejectsWhatIsNotJson() {
    for (String bad : List.of("", "{", "{\"a\" 1}", "[1,]", "\"open", "tru", "{} x", "\"\\x\"")) {
      assertThatThrownBy(() -> Json.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("Invalid JSON at offset");
    }
  }
}
