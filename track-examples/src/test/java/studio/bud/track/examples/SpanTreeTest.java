package studio.bud.track.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpanTreeTest {

  private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";

  @Test
  void nestsChildrenUnderTheirParentInStartOrderWithDetailsBelowEachSpan() {
    SpanData root =
        span(
            "root",
            "0000000000000001",
            null,
            0,
            5_250_000,
            StatusData.ok(),
            Attributes.builder()
                .put("bud.track.type", "chain")
                .put("bud.track.output", "\"done\"")
                .put("bud.track.input.topic", "\"t\"")
                .put("team", "core")
                .build());
    SpanData second =
        span(
            "second",
            "0000000000000003",
            "0000000000000001",
            2_000_000,
            3_000_000,
            StatusData.ok(),
            Attributes.empty());
    SpanData first =
        span(
            "first",
            "0000000000000002",
            "0000000000000001",
            1_000_000,
            1_500_000,
            StatusData.unset(),
            Attributes.builder().put("bud.track.yield_count", 3L).build());
    SpanData grandchild =
        span(
            "grandchild",
            "0000000000000004",
            "0000000000000002",
            1_100_000,
            1_200_000,
            StatusData.ok(),
            Attributes.empty());

    String tree = SpanTree.render(List.of(grandchild, second, root, first));

    assertThat(tree.lines())
        .containsExactly(
            "root [chain] 5.3 ms OK",
            "|  team                  = core",
            "|  bud.track.input.topic = \"t\"",
            "|  bud.track.output      = \"done\"",
            "|-- first 0.5 ms (status unset)",
            "|   |  bud.track.yield_count = 3",
            "|   `-- grandchild 0.1 ms OK",
            "`-- second 1.0 ms OK");
  }

  @Test
  void showsTheErrorDescriptionAndTheExceptionEvent() {
    SpanData failed =
        TestSpanData.builder()
            .setSpanContext(context("0000000000000001"))
            .setName("Assistant.ask")
            .setKind(SpanKind.INTERNAL)
            .setStartEpochNanos(0)
            .setEndEpochNanos(1_000_000)
            .setHasEnded(true)
            .setStatus(StatusData.create(io.opentelemetry.api.trace.StatusCode.ERROR, "boom"))
            .setAttributes(Attributes.builder().put("bud.track.type", "llm").build())
            .setEvents(
                List.of(
                    EventData.create(
                        0,
                        "exception",
                        Attributes.builder()
                            .put("exception.type", "java.lang.IllegalStateException")
                            .put("exception.message", "boom")
                            .build())))
            .setTotalRecordedEvents(1)
            .build();

    assertThat(SpanTree.render(List.of(failed)).lines())
        .containsExactly(
            "Assistant.ask [llm] 1.0 ms ERROR: boom",
            "  event exception: java.lang.IllegalStateException: boom");
  }

  @Test
  void separatesTreesAndTreatsASpanWithAnUnknownParentAsARoot() {
    SpanData orphan =
        span(
            "orphan",
            "0000000000000005",
            "00000000000000ff",
            0,
            1_000_000,
            StatusData.ok(),
            Attributes.empty());
    SpanData later =
        span(
            "later",
            "0000000000000006",
            null,
            2_000_000,
            3_000_000,
            StatusData.ok(),
            Attributes.empty());

    assertThat(SpanTree.render(List.of(later, orphan)).lines())
        .containsExactly("orphan 1.0 ms OK", "", "later 1.0 ms OK");
  }

  @Test
  void cutsLongValuesForDisplay() {
    String value = "x".repeat(500);
    SpanData span =
        span(
            "s",
            "0000000000000001",
            null,
            0,
            0,
            StatusData.ok(),
            Attributes.builder().put("bud.track.output", value).build());

    assertThat(SpanTree.render(List.of(span)).lines())
        .contains("  bud.track.output = " + "x".repeat(SpanTree.MAX_VALUE_WIDTH - 3) + "...");
  }

  private static SpanData span(
      String name,
      String spanId,
      String parentId,
      long start,
      long end,
      StatusData status,
      Attributes attributes) {
    return TestSpanData.builder()
        .setSpanContext(context(spanId))
        .setParentSpanContext(parentId == null ? SpanContext.getInvalid() : context(parentId))
        .setName(name)
        .setKind(SpanKind.INTERNAL)
        .setStartEpochNanos(start)
        .setEndEpochNanos(end)
        .setHasEnded(true)
        .setStatus(status)
        .setAttributes(attributes)
        .setTotalAttributeCount(attributes.size())
        .build();
  }

  private static SpanContext context(String spanId) {
    return SpanContext.create(TRACE, spanId, TraceFlags.getSampled(), TraceState.getDefault());
  }
}
