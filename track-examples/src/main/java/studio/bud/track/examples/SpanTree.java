package studio.bud.track.examples;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders finished spans as indented trees, one per root, for a terminal:
 *
 * <pre>
 * pipeline [chain] 3.1 ms OK
 * |  bud.track.input.topic    = "quantum computing"
 * |  bud.track.output.summary = "Quantum computing uses qubits, ..."
 * |-- Assistant.ask [llm] 1.2 ms OK
 * |     bud.track.input.question = "Summarize quantum computing in one sentence."
 * `-- Assistant.ask [llm] 0.9 ms OK
 *       bud.track.input.question = "Explain this further: ..."
 * </pre>
 *
 * <p>Each span shows its name, {@code bud.track.type} in brackets, its duration, its status (with
 * the description of an error), then its attributes (static ones, inputs, outputs, then the other
 * {@code bud.track.*} ones) and its events. Plain ASCII, so any console shows it. Values longer
 * than {@value #MAX_VALUE_WIDTH} characters are cut here for display only; the spans keep them
 * whole.
 */
final class SpanTree {

  static final int MAX_VALUE_WIDTH = 80;

  private static final String NEWLINE = System.lineSeparator();
  private static final AttributeKey<String> TYPE = AttributeKey.stringKey("bud.track.type");

  private final Map<String, List<SpanData>> children = new HashMap<>();
  private final StringBuilder out = new StringBuilder();

  private SpanTree() {}

  /** The trees of {@code spans}; a span whose parent is not among them is a root. */
  static String render(List<SpanData> spans) {
    SpanTree tree = new SpanTree();
    Map<String, SpanData> byId = new HashMap<>();
    for (SpanData span : spans) {
      byId.put(id(span.getTraceId(), span.getSpanId()), span);
    }
    List<SpanData> roots = new ArrayList<>();
    for (SpanData span : spans) {
      String parent = id(span.getTraceId(), span.getParentSpanId());
      if (span.getParentSpanContext().isValid() && byId.containsKey(parent)) {
        tree.children.computeIfAbsent(parent, key -> new ArrayList<>()).add(span);
      } else {
        roots.add(span);
      }
    }
    roots.sort(Comparator.comparingLong(SpanData::getStartEpochNanos));
    tree.children
        .values()
        .forEach(list -> list.sort(Comparator.comparingLong(SpanData::getStartEpochNanos)));
    for (int i = 0; i < roots.size(); i++) {
      if (i > 0) {
        tree.out.append(NEWLINE);
      }
      tree.node(roots.get(i), "", "");
    }
    return tree.out.toString();
  }

  /**
   * @param headPrefix what precedes the span's own line (the branch that leads to it)
   * @param bodyPrefix what precedes every line below it (the branches that go on past it)
   */
  private void node(SpanData span, String headPrefix, String bodyPrefix) {
    out.append(headPrefix).append(header(span)).append(NEWLINE);

    List<SpanData> kids = children.getOrDefault(id(span.getTraceId(), span.getSpanId()), List.of());
    String detailPrefix = bodyPrefix + (kids.isEmpty() ? "  " : "|  ");
    details(span, detailPrefix);

    for (int i = 0; i < kids.size(); i++) {
      boolean last = i == kids.size() - 1;
      node(
          kids.get(i),
          bodyPrefix + (last ? "`-- " : "|-- "),
          bodyPrefix + (last ? "    " : "|   "));
    }
  }

  private static String header(SpanData span) {
    StringBuilder header = new StringBuilder(span.getName());
    String type = span.getAttributes().get(TYPE);
    if (type != null) {
      header.append(" [").append(type).append(']');
    }
    double millis = (span.getEndEpochNanos() - span.getStartEpochNanos()) / 1e6;
    header.append(String.format(Locale.ROOT, " %.1f ms ", millis));
    StatusCode status = span.getStatus().getStatusCode();
    header.append(status == StatusCode.UNSET ? "(status unset)" : status.name());
    String description = span.getStatus().getDescription();
    if (status == StatusCode.ERROR && !description.isEmpty()) {
      header.append(": ").append(clip(description));
    }
    return header.toString();
  }

  private void details(SpanData span, String prefix) {
    List<Map.Entry<String, String>> attributes = new ArrayList<>();
    span.getAttributes()
        .forEach(
            (key, value) -> {
              if (!key.equals(TYPE)) {
                attributes.add(Map.entry(key.getKey(), String.valueOf(value)));
              }
            });
    // Stable sort: within a group, the SDK's (alphabetical) order stays.
    attributes.sort(Comparator.comparingInt(entry -> group(entry.getKey())));
    int width = 0;
    for (Map.Entry<String, String> attribute : attributes) {
      width = Math.max(width, attribute.getKey().length());
    }
    for (Map.Entry<String, String> attribute : attributes) {
      out.append(prefix)
          .append(String.format(Locale.ROOT, "%-" + width + "s", attribute.getKey()))
          .append(" = ")
          .append(clip(attribute.getValue()))
          .append(NEWLINE);
    }
    for (EventData event : span.getEvents()) {
      out.append(prefix).append("event ").append(event.getName());
      String type = event.getAttributes().get(AttributeKey.stringKey("exception.type"));
      String message = event.getAttributes().get(AttributeKey.stringKey("exception.message"));
      if (type != null) {
        out.append(": ").append(type).append(message == null ? "" : ": " + clip(message));
      }
      out.append(NEWLINE);
    }
  }

  /** Static attributes first, then inputs, outputs and the other {@code bud.track.*} ones. */
  private static int group(String key) {
    if (!key.startsWith("bud.track.")) {
      return 0;
    }
    if (key.startsWith("bud.track.input.")) {
      return 1;
    }
    if (key.equals("bud.track.output") || key.startsWith("bud.track.output.")) {
      return 2;
    }
    return 3;
  }

  /** Cuts {@code value} to {@link #MAX_VALUE_WIDTH} characters for display. */
  static String clip(String value) {
    return value.length() <= MAX_VALUE_WIDTH
        ? value
        : value.substring(0, MAX_VALUE_WIDTH - 3) + "...";
  }

  private static String id(String traceId, String spanId) {
    return traceId + '/' + spanId;
  }
}
