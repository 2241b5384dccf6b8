package studio.bud.track.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The goals of issue 5 as ratios of measurements taken in the same run, each with PASS or MISS,
 * plus the other ratios worth reading next to them.
 */
public final class Goals {

  /** Allocation counts as "no higher" within this fraction: the gc profiler's own noise. */
  static final double ALLOCATION_TOLERANCE = 0.01;

  /** Bytes per operation below this count as none (the profiler reports tiny non-zero values). */
  static final double NO_ALLOCATION = 0.5;

  private static final String CALL = "CallBenchmarks.";
  private static final String LENGTH = "ArgumentLengthBenchmarks.";
  private static final String STREAMING = "StreamingBenchmarks.";

  private final Map<String, Measurement> measurements;

  /** Evaluates {@code measurements}, keyed by {@link Measurement#key()}. */
  public Goals(Map<String, Measurement> measurements) {
    this.measurements = measurements;
  }

  /** One line of the goals table; {@code verdict} is PASS, MISS or "not measured". */
  public record Row(String ratio, String value, String goal, String verdict) {}

  /** The goals, at one thread and, for the per-call ratios, at four threads too. */
  public List<Row> goals() {
    List<Row> rows = new ArrayList<>();
    for (int threads : new int[] {1, 4}) {
      String suffix = threads == 1 ? "" : " (4 threads)";
      rows.add(wrapperOffOverDirect(threads, suffix));
      rows.add(wrapperOnOverHand(threads, suffix));
      rows.add(ratioGoal("wrapper on / JDK proxy on" + suffix, CALL + "wrapperOn", "", CALL + "proxyOn", "", threads, 0.8));
      rows.add(ratioGoal("wrapper on / agent @WithSpan" + suffix, CALL + "wrapperOn", "", "AgentBenchmarks.withSpan", "", threads, 0.4));
    }
    rows.add(
        ratioGoal(
            "10M-element list / 1000-char string (wrapper on)",
            LENGTH + "wrapperOn", ArgumentLengthBenchmarks.LIST,
            LENGTH + "wrapperOn", "1000",
            1, 1.5));
    rows.add(perElement("iterator"));
    rows.add(perElement("stream"));
    return rows;
  }

  /** Ratios without a goal: what the other comparisons cost relative to their baselines. */
  public List<Row> others() {
    List<Row> rows = new ArrayList<>();
    rows.add(info("wrapper off / forwarding-only decorator", CALL + "wrapperOff", "", CALL + "forwarding", ""));
    rows.add(info("forwarding-only decorator / direct", CALL + "forwarding", "", CALL + "direct", ""));
    rows.add(info("hand-written on no-op OpenTelemetry / direct", CALL + "handNoop", "", CALL + "direct", ""));
    rows.add(info("JDK proxy off / direct", CALL + "proxyOff", "", CALL + "direct", ""));
    rows.add(info("agent @WithSpan / hand-written (6)", "AgentBenchmarks.withSpan", "", CALL + "handSdk", ""));
    rows.add(
        info(
            "10M-element list / 1000-element list (wrapper on)",
            LENGTH + "wrapperOn", ArgumentLengthBenchmarks.LIST,
            LENGTH + "wrapperOn", ArgumentLengthBenchmarks.SHORT_LIST));
    rows.add(
        info(
            "rendering only: Repr.of(10M list) / JDK toString() of its rendered elements",
            "RenderingBenchmarks.reprOfList10M", "",
            "RenderingBenchmarks.jdkToStringOfRenderedElements", ""));
    rows.add(
        info(
            "rendering only: Repr.of(10M list) / Repr.of(1000-char string)",
            "RenderingBenchmarks.reprOfList10M", "",
            "RenderingBenchmarks.reprOf1000Chars", ""));
    for (String length : new String[] {"16", "1000", "100000", ArgumentLengthBenchmarks.SHORT_LIST, ArgumentLengthBenchmarks.LIST}) {
      rows.add(info("argument " + length + ": wrapper on / hand-written", LENGTH + "wrapperOn", length, LENGTH + "handSdk", length));
    }
    rows.add(info("thrown exception: wrapper on / hand-written", "ExceptionBenchmarks.wrapperOn", "", "ExceptionBenchmarks.handSdk", ""));
    rows.add(info("completed future: wrapper on / hand-written", "AsyncBenchmarks.wrapperOn", "", "AsyncBenchmarks.handSdk", ""));
    // The adapters have no goal of their own; shown next to the iterator and stream goals.
    rows.add(extraPerElement("flux"));
    rows.add(extraPerElement("tokenStream"));
    return rows;
  }

  private Row wrapperOffOverDirect(int threads, String suffix) {
    String ratio = "wrapper off / direct" + suffix;
    String goal = "<= 1.1, 0 B/op of its own";
    Measurement off = get(CALL + "wrapperOff", "", threads);
    Measurement direct = get(CALL + "direct", "", threads);
    if (off == null || direct == null) {
      return missing(ratio, goal);
    }
    double value = off.nanos() / direct.nanos();
    double own = off.bytes() - direct.bytes();
    boolean pass = value <= 1.1 && !(own >= NO_ALLOCATION);
    return new Row(ratio, ratio(value) + ", " + Measurement.format(own) + " B/op own", goal, verdict(pass));
  }

  private Row wrapperOnOverHand(int threads, String suffix) {
    String ratio = "wrapper on / hand-written OpenTelemetry (6)" + suffix;
    String goal = "<= 1.05, allocation no higher";
    Measurement on = get(CALL + "wrapperOn", "", threads);
    Measurement hand = get(CALL + "handSdk", "", threads);
    if (on == null || hand == null) {
      return missing(ratio, goal);
    }
    double value = on.nanos() / hand.nanos();
    boolean allocationOk = !(on.bytes() > hand.bytes() * (1 + ALLOCATION_TOLERANCE) + NO_ALLOCATION);
    return new Row(
        ratio,
        ratio(value) + ", " + Measurement.format(on.bytes()) + " vs " + Measurement.format(hand.bytes()) + " B/op",
        goal,
        verdict(value <= 1.05 && allocationOk));
  }

  private Row ratioGoal(
      String ratio, String top, String topParam, String bottom, String bottomParam, int threads, double limit) {
    String goal = "<= " + limit;
    Measurement a = get(top, topParam, threads);
    Measurement b = get(bottom, bottomParam, threads);
    if (a == null || b == null) {
      return missing(ratio, goal);
    }
    double value = a.nanos() / b.nanos();
    return new Row(ratio, ratio(value), goal, verdict(value <= limit));
  }

  /** Streaming benchmarks score per element, so traced minus raw is the extra cost per element. */
  private Row perElement(String kind) {
    String ratio = "streaming (" + kind + "), tracing on: extra ns per element";
    String goal = "<= 60 ns";
    Measurement traced = get(STREAMING + kind + "Traced", "", 1);
    Measurement raw = get(STREAMING + kind + "Raw", "", 1);
    if (traced == null || raw == null) {
      return missing(ratio, goal);
    }
    double extra = traced.nanos() - raw.nanos();
    return new Row(ratio, Measurement.format(extra) + " ns", goal, verdict(extra <= 60));
  }

  /** An adapter's streamed result: the extra cost per element, without a goal. */
  private Row extraPerElement(String kind) {
    String ratio = "streaming (" + kind + "), tracing on: extra ns per element";
    Measurement traced = get(STREAMING + kind + "Traced", "", 1);
    Measurement raw = get(STREAMING + kind + "Raw", "", 1);
    if (traced == null || raw == null) {
      return new Row(ratio, "", "", "not measured");
    }
    return new Row(ratio, Measurement.format(traced.nanos() - raw.nanos()) + " ns", "", "");
  }

  private Row info(String ratio, String top, String topParam, String bottom, String bottomParam) {
    Measurement a = get(top, topParam, 1);
    Measurement b = get(bottom, bottomParam, 1);
    if (a == null || b == null) {
      return new Row(ratio, "", "", "not measured");
    }
    return new Row(ratio, ratio(a.nanos() / b.nanos()), "", "");
  }

  private Measurement get(String benchmark, String param, int threads) {
    return measurements.get(Measurement.key(benchmark, param, threads));
  }

  private static Row missing(String ratio, String goal) {
    return new Row(ratio, "", goal, "not measured");
  }

  private static String ratio(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }

  private static String verdict(boolean pass) {
    return pass ? "PASS" : "MISS";
  }
}
