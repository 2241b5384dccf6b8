package studio.bud.track.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The goals of issue 16 as ratios of measurements taken in the same run, each with PASS or MISS,
 * plus the other ratios worth reading next to them.
 *
 * <p>Each goal is one line of {@link #goals()}, built from a few helpers: {@link #ratioGoal} (a
 * time ratio), {@link #timeAndAllocationGoal} (a time ratio whose numerator may not allocate more
 * than its denominator), {@link #perElement} (the extra ns per streamed element); {@link #info}
 * makes a ratio without a goal for {@link #others()}. Adding a row for a new benchmark is one
 * line; a row whose benchmarks did not run says "not measured", never PASS.
 */
public final class Goals {

  /** Allocation counts as "no higher" within this fraction: the gc profiler's own noise. */
  static final double ALLOCATION_TOLERANCE = 0.01;

  /** Bytes per operation below this count as none (the profiler reports tiny non-zero values). */
  static final double NO_ALLOCATION = 0.5;

  /** The limit on the extra cost of a streamed element, in ns. */
  static final double PER_ELEMENT_LIMIT_NS = 15;

  private static final String CALL = "CallBenchmarks.";
  private static final String LENGTH = "ArgumentLengthBenchmarks.";
  private static final String STREAMING = "StreamingBenchmarks.";
  private static final String SAMPLED = "SampledOutBenchmarks.";
  private static final String EXCEPTION = "ExceptionBenchmarks.";
  private static final String OPTIONS = "OptionsBenchmarks.";

  /**
   * The streamed result kinds: {@code StreamingBenchmarks.<kind>Raw} and {@code <kind>Traced}.
   * Flux and TokenStream come with the Reactor and LangChain4j adapters.
   */
  static final List<String> STREAMED_KINDS = List.of("iterator", "stream", "flux", "tokenStream");

  private final Map<String, Measurement> measurements;

  /** Evaluates {@code measurements}, keyed by {@link Measurement#key()}. */
  public Goals(Map<String, Measurement> measurements) {
    this.measurements = measurements;
  }

  /** One line of the goals table; {@code verdict} is PASS, MISS or "not measured". */
  public record Row(String ratio, String value, String goal, String verdict) {}

  /** The goals of issue 16, in the order of its table. */
  public List<Row> goals() {
    List<Row> rows = new ArrayList<>();
    rows.add(
        timeAndAllocationGoal(
            "tracing off / forwarding-only decorator",
            CALL + "wrapperOff", "", CALL + "forwarding", "", 1, 1.05, true));
    for (int threads : new int[] {1, 4}) {
      rows.add(
          timeAndAllocationGoal(
              "tracing on / hand-written OpenTelemetry, " + threads + " thread" + (threads == 1 ? "" : "s"),
              CALL + "wrapperOn", "", CALL + "handSdk", "", threads, 1.00, false));
    }
    rows.add(
        timeAndAllocationGoal(
            "sampled out (1%) / hand-written sampled out",
            SAMPLED + "wrapper", "", SAMPLED + "hand", "", 1, 1.00, true));
    for (String frames : ExceptionBenchmarks.FRAMES) {
      rows.add(
          ratioGoal(
              "traced throw / hand-written recordException, " + frames + " frames",
              EXCEPTION + "wrapperOn", frames, EXCEPTION + "handSdk", frames, 1, 0.5));
    }
    rows.add(
        ratioGoal(
            "javac with processor / javac on the same sources without it (thread CPU)",
            BuildTime.WITH, BuildTime.THREAD_CPU, BuildTime.WITHOUT, BuildTime.THREAD_CPU, 1, 1.15));
    rows.add(
        ratioGoal(
            "10M-element list / 1000-element list argument (tracing on)",
            LENGTH + "wrapperOn", ArgumentLengthBenchmarks.LIST,
            LENGTH + "wrapperOn", ArgumentLengthBenchmarks.SHORT_LIST,
            1, 1.1));
    for (String kind : STREAMED_KINDS) {
      rows.add(perElement(kind));
    }
    return rows;
  }

  /** Ratios without a goal: what the other comparisons cost relative to their baselines. */
  public List<Row> others() {
    List<Row> rows = new ArrayList<>();
    rows.add(
        nanos(
            "one context switch (makeCurrent and close), the floor per pull of a traced stream (an iterator pulls twice per element)",
            STREAMING + "contextSwitch"));
    rows.add(
        perElementInfo(
            "iterator made current by hand around each pull, nothing else: extra ns per element (the floor under the traced iterator)",
            STREAMING + "iteratorScopedByHand", STREAMING + "iteratorRaw"));
    rows.add(info("tracing off / direct", CALL + "wrapperOff", "", CALL + "direct", "", 1));
    rows.add(info("forwarding-only decorator / direct", CALL + "forwarding", "", CALL + "direct", "", 1));
    rows.add(info("tracing off / forwarding-only decorator, 4 threads", CALL + "wrapperOff", "", CALL + "forwarding", "", 4));
    rows.add(info("tracing on / direct", CALL + "wrapperOn", "", CALL + "direct", "", 1));
    rows.add(info("hand-written on no-op OpenTelemetry / direct", CALL + "handNoop", "", CALL + "direct", "", 1));
    rows.add(info("tracing on / JDK proxy on", CALL + "wrapperOn", "", CALL + "proxyOn", "", 1));
    rows.add(info("JDK proxy off / direct", CALL + "proxyOff", "", CALL + "direct", "", 1));
    rows.add(info("tracing on / agent @WithSpan", CALL + "wrapperOn", "", "AgentBenchmarks.withSpan", "", 1));
    rows.add(info("agent @WithSpan / hand-written", "AgentBenchmarks.withSpan", "", CALL + "handSdk", "", 1));
    rows.add(info("sampled out (1%) / tracing off", SAMPLED + "wrapper", "", SAMPLED + "off", "", 1));
    rows.add(info("hand-written sampled out (1%) / tracing off", SAMPLED + "hand", "", SAMPLED + "off", "", 1));
    for (String frames : ExceptionBenchmarks.FRAMES) {
      rows.add(info("thrown exception, " + frames + " frames: untraced / hand-written", EXCEPTION + "direct", frames, EXCEPTION + "handSdk", frames, 1));
      rows.add(
          info(
              "thrown exception then getStackTrace(), " + frames + " frames / hand-written: the floor of any event with the trace",
              EXCEPTION + "directThenGetStackTrace", frames, EXCEPTION + "handSdk", frames, 1));
    }
    rows.add(
        info(
            "javac with a processor that only writes the same files / without it (thread CPU): any generating processor's floor",
            BuildTime.FLOOR, BuildTime.THREAD_CPU, BuildTime.WITHOUT, BuildTime.THREAD_CPU, 1));
    rows.add(
        info(
            "javac with processor / with the copying processor (thread CPU): track's own work",
            BuildTime.WITH, BuildTime.THREAD_CPU, BuildTime.FLOOR, BuildTime.THREAD_CPU, 1));
    rows.add(
        info(
            "javac with processor / without it (process CPU: JIT and GC threads included)",
            BuildTime.WITH, BuildTime.PROCESS_CPU, BuildTime.WITHOUT, BuildTime.PROCESS_CPU, 1));
    rows.add(
        info(
            "10M-element list / 1000-character string (the old goal's ratio)",
            LENGTH + "wrapperOn", ArgumentLengthBenchmarks.LIST, LENGTH + "wrapperOn", "1000", 1));
    rows.add(
        info(
            "rendering only: Repr.of(10M list) / JDK toString() of its rendered elements",
            "RenderingBenchmarks.reprOfList10M", "",
            "RenderingBenchmarks.jdkToStringOfRenderedElements", "", 1));
    for (String length : new String[] {"16", "1000", "100000", ArgumentLengthBenchmarks.SHORT_LIST, ArgumentLengthBenchmarks.LIST}) {
      rows.add(info("argument " + length + ": tracing on / hand-written", LENGTH + "wrapperOn", length, LENGTH + "handSdk", length, 1));
    }
    rows.add(info("completed future: tracing on / hand-written", "AsyncBenchmarks.wrapperOn", "", "AsyncBenchmarks.handSdk", "", 1));
    rows.add(info("masker unset / no masker option at all", OPTIONS + "wrapperWithMasker", "none", CALL + "wrapperOn", "", 1));
    rows.add(info("identity masker / masker unset", OPTIONS + "wrapperWithMasker", "identity", OPTIONS + "wrapperWithMasker", "none", 1));
    // OptionsOn's masker parameter applies to these too: compare them without a masker.
    rows.add(info("@Track.Attribute / the same attribute by hand", OPTIONS + "attributeWrapper", "none", OPTIONS + "attributeHand", "none", 1));
    return rows;
  }

  /**
   * {@code top / bottom <= limit}, and {@code top} allocates no more than {@code bottom}: within
   * {@link #ALLOCATION_TOLERANCE} when {@code noneOfItsOwn} is false, within
   * {@link #NO_ALLOCATION} bytes (none of its own) when it is true.
   */
  private Row timeAndAllocationGoal(
      String ratio, String top, String topParam, String bottom, String bottomParam,
      int threads, double limit, boolean noneOfItsOwn) {
    String goal = "<= " + limit(limit) + (noneOfItsOwn ? ", 0 B/op of its own" : ", allocation no higher");
    Measurement a = get(top, topParam, threads);
    Measurement b = get(bottom, bottomParam, threads);
    if (a == null || b == null) {
      return missing(ratio, goal);
    }
    double value = a.nanos() / b.nanos();
    double own = a.bytes() - b.bytes();
    boolean allocationOk =
        noneOfItsOwn
            ? !(own >= NO_ALLOCATION)
            : !(a.bytes() > b.bytes() * (1 + ALLOCATION_TOLERANCE) + NO_ALLOCATION);
    String measured =
        ratio(value) + ", " + Measurement.format(a.bytes()) + " vs " + Measurement.format(b.bytes())
            + " B/op" + (noneOfItsOwn ? " (" + Measurement.format(own) + " own)" : "");
    return new Row(ratio, measured, goal, verdict(value <= limit && allocationOk));
  }

  private Row ratioGoal(
      String ratio, String top, String topParam, String bottom, String bottomParam, int threads, double limit) {
    String goal = "<= " + limit(limit);
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
    String goal = "<= " + limit(PER_ELEMENT_LIMIT_NS) + " ns";
    Measurement traced = get(STREAMING + kind + "Traced", "", 1);
    Measurement raw = get(STREAMING + kind + "Raw", "", 1);
    if (traced == null || raw == null) {
      return missing(ratio, goal);
    }
    double extra = traced.nanos() - raw.nanos();
    return new Row(ratio, Measurement.format(extra) + " ns", goal, verdict(extra <= PER_ELEMENT_LIMIT_NS));
  }

  /** A difference without a goal: {@code top - bottom} in ns per operation. */
  private Row perElementInfo(String what, String top, String bottom) {
    Measurement a = get(top, "", 1);
    Measurement b = get(bottom, "", 1);
    if (a == null || b == null) {
      return new Row(what, "", "", "not measured");
    }
    return new Row(what, Measurement.format(a.nanos() - b.nanos()) + " ns", "", "");
  }

  /** An absolute figure without a goal: the median ns per operation of one benchmark. */
  private Row nanos(String what, String benchmark) {
    Measurement m = get(benchmark, "", 1);
    if (m == null) {
      return new Row(what, "", "", "not measured");
    }
    return new Row(what, Measurement.format(m.nanos()) + " ns", "", "");
  }

  private Row info(String ratio, String top, String topParam, String bottom, String bottomParam, int threads) {
    Measurement a = get(top, topParam, threads);
    Measurement b = get(bottom, bottomParam, threads);
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

  /** {@code 1.05}, {@code 1.00}, {@code 0.5}, {@code 15}: as the issue writes its limits. */
  private static String limit(double value) {
    if (value == 1.0) {
      return "1.00"; // "no slower than": written with the precision the ratios are shown at
    }
    return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  private static String verdict(boolean pass) {
    return pass ? "PASS" : "MISS";
  }
}
