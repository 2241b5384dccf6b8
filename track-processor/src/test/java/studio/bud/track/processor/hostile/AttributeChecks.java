package studio.bud.track.processor.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;

/** What every attribute must be, whatever value it was made from: bounded, well-formed text. */
final class AttributeChecks {

  static final String OUTPUT_PREFIX = "bud.track.output.";

  private AttributeChecks() {}

  /** Whether {@code text} is well-formed UTF-16: every surrogate is half of a pair. */
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
   * Every string attribute of {@code span} fits {@code maxLength} and is well-formed, and every key
   * is bounded. (A map result's keys are {@code String.valueOf(key)}, as the user's key says, so
   * only their length is ours to guarantee.)
   */
  static void assertValid(SpanData span, int maxLength) {
    span.getAttributes()
        .forEach(
            (key, value) -> {
              assertThat(key.getKey().length())
                  .as("key length")
                  .isLessThanOrEqualTo(OUTPUT_PREFIX.length() + maxLength);
              if (value instanceof String) {
                String text = (String) value;
                assertThat(text.length()).as("%s length", key).isLessThanOrEqualTo(maxLength);
                assertThat(isWellFormed(text)).as("%s well-formed: %s", key, text).isTrue();
              }
            });
  }

  static String string(SpanData span, String key) {
    return span.getAttributes().get(AttributeKey.stringKey(key));
  }
}
