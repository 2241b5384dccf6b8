package studio.bud.track.processor.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;

/**
 * What every attribute must be, whatever value it was made from: bounded, well-formed text. That
 * holds for the span's own attributes, for every attribute of every event (the {@code exception}
 * event's included) and for the status description.
 */
final class AttributeChecks {

  static final String OUTPUT_PREFIX = "bud.track.output.";
  /** The bound of {@code exception.stacktrace}: {@code Tracking}'s default (SPEC section 4). */
  static final int MAX_STACK_TRACE_LENGTH = 16_384;
  static final String STACK_TRACE = "exception.stacktrace";

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

  /** The length as SPEC section 4 counts it: in code points, as Python's {@code len} does. */
  static int length(String text) {
    return text.codePointCount(0, text.length());
  }

  /**
   * Every string (and string array element) attribute of {@code span} and of each of its events
   * fits {@code maxLength} ({@code exception.stacktrace}: {@link #MAX_STACK_TRACE_LENGTH}) and is
   * well-formed, every key is bounded, and so is the status description. (A map result's keys are
   * {@code String.valueOf(key)}, as the user's key says, so only their length is ours to
   * guarantee.)
   */
  static void assertValid(SpanData span, int maxLength) {
    assertValid(span.getName(), span.getAttributes(), maxLength);
    for (EventData event : span.getEvents()) {
      assertValid(span.getName() + " event " + event.getName(), event.getAttributes(), maxLength);
    }
    String description = span.getStatus().getDescription();
    assertThat(length(description)).as("%s status description length", span.getName()).isLessThanOrEqualTo(maxLength);
    assertThat(isWellFormed(description)).as("%s status description well-formed: %s", span.getName(), description).isTrue();
  }

  private static void assertValid(String where, Attributes attributes, int maxLength) {
    attributes.forEach(
        (key, value) -> {
          assertThat(length(key.getKey()))
              .as("%s: key length", where)
              .isLessThanOrEqualTo(OUTPUT_PREFIX.length() + maxLength);
          int bound = key.getKey().equals(STACK_TRACE) ? MAX_STACK_TRACE_LENGTH : maxLength;
          if (value instanceof String) {
            assertText(where, key, (String) value, bound);
          } else if (value instanceof List) {
            for (Object element : (List<?>) value) {
              if (element instanceof String) {
                assertText(where, key, (String) element, bound);
              }
            }
          }
        });
  }

  private static void assertText(String where, AttributeKey<?> key, String text, int bound) {
    assertThat(length(text)).as("%s: %s length", where, key).isLessThanOrEqualTo(bound);
    assertThat(isWellFormed(text)).as("%s: %s well-formed: %s", where, key, text).isTrue();
  }

  static String string(SpanData span, String key) {
    return span.getAttributes().get(AttributeKey.stringKey(key));
  }

  /** The only {@code exception} event of {@code span}, checked to be there. */
  static EventData exceptionEvent(SpanData span) {
    List<EventData> events = span.getEvents();
    assertThat(events).as("%s events", span.getName()).hasSize(1);
    assertThat(events.get(0).getName()).isEqualTo("exception");
    return events.get(0);
  }
}
