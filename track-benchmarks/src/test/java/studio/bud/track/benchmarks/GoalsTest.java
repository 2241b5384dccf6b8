package studio.bud.track.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoalsTest {

  private final Map<String, Measurement> measurements = new LinkedHashMap<>();

  private void measured(String benchmark, String param, int threads, double nanos, double bytes) {
    Measurement m = new Measurement(benchmark, param, threads, nanos, nanos, 0, bytes);
    measurements.put(m.key(), m);
  }

  private Goals.Row goal(String ratio) {
    List<Goals.Row> rows = new Goals(measurements).goals();
    return rows.stream().filter(r -> r.ratio().equals(ratio)).findFirst().orElseThrow();
  }

  @Test
  void tracingOffPassesOnlyWithinFivePercentOfForwardingAndWithoutAllocationOfItsOwn() {
    String ratio = "tracing off / forwarding-only decorator";
    measured("CallBenchmarks.forwarding", "", 1, 2.0, 0.0);
    measured("CallBenchmarks.wrapperOff", "", 1, 2.1, 0.0);
    assertThat(goal(ratio).verdict()).isEqualTo("PASS");
    assertThat(goal(ratio).goal()).isEqualTo("<= 1.05, 0 B/op of its own");

    measured("CallBenchmarks.wrapperOff", "", 1, 2.1, 24.0);
    assertThat(goal(ratio).verdict()).isEqualTo("MISS");

    measured("CallBenchmarks.wrapperOff", "", 1, 2.2, 0.0);
    assertThat(goal(ratio).verdict()).isEqualTo("MISS");
  }

  @Test
  void tracingOnMustBeNoSlowerAndAllocateNoMoreThanHandWrittenAtOneAndFourThreads() {
    measured("CallBenchmarks.handSdk", "", 1, 400, 600);
    measured("CallBenchmarks.wrapperOn", "", 1, 400, 600);
    assertThat(goal("tracing on / hand-written OpenTelemetry, 1 thread").verdict()).isEqualTo("PASS");

    measured("CallBenchmarks.wrapperOn", "", 1, 404, 600);
    assertThat(goal("tracing on / hand-written OpenTelemetry, 1 thread").verdict()).isEqualTo("MISS");

    measured("CallBenchmarks.wrapperOn", "", 1, 390, 680);
    assertThat(goal("tracing on / hand-written OpenTelemetry, 1 thread").verdict()).isEqualTo("MISS");

    assertThat(goal("tracing on / hand-written OpenTelemetry, 4 threads").verdict()).isEqualTo("not measured");
    measured("CallBenchmarks.handSdk", "", 4, 900, 600);
    measured("CallBenchmarks.wrapperOn", "", 4, 880, 600);
    assertThat(goal("tracing on / hand-written OpenTelemetry, 4 threads").verdict()).isEqualTo("PASS");
  }

  @Test
  void sampledOutCountsOnlyTheBytesTrackAllocatesBeyondHandWritten() {
    String ratio = "sampled out (1%) / hand-written sampled out";
    measured("SampledOutBenchmarks.hand", "", 1, 60, 200);
    measured("SampledOutBenchmarks.wrapper", "", 1, 59, 200.2);
    assertThat(goal(ratio).verdict()).isEqualTo("PASS");
    assertThat(goal(ratio).value()).isEqualTo("0.983, 200 vs 200 B/op (0.20 own)");

    measured("SampledOutBenchmarks.wrapper", "", 1, 59, 224);
    assertThat(goal(ratio).verdict()).isEqualTo("MISS");
  }

  @Test
  void exceptionGoalIsHalfOfHandWrittenAtEachDepth() {
    measured("ExceptionBenchmarks.handSdk", "50", 1, 10_000, 0);
    measured("ExceptionBenchmarks.wrapperOn", "50", 1, 5_000, 0);
    measured("ExceptionBenchmarks.handSdk", "1000", 1, 100_000, 0);
    measured("ExceptionBenchmarks.wrapperOn", "1000", 1, 60_000, 0);
    assertThat(goal("traced throw / hand-written recordException, 50 frames").verdict()).isEqualTo("PASS");
    assertThat(goal("traced throw / hand-written recordException, 1000 frames").verdict()).isEqualTo("MISS");
  }

  @Test
  void buildTimeGoalIsTheThreadCpuRatio() {
    String ratio = "javac with processor / javac on the same sources without it (thread CPU)";
    measured(BuildTime.WITHOUT, BuildTime.THREAD_CPU, 1, 1_000_000_000, 0);
    measured(BuildTime.WITH, BuildTime.THREAD_CPU, 1, 1_140_000_000, 0);
    measured(BuildTime.WITHOUT, BuildTime.PROCESS_CPU, 1, 1_000_000_000, 0);
    measured(BuildTime.WITH, BuildTime.PROCESS_CPU, 1, 2_000_000_000, 0);
    assertThat(goal(ratio).value()).isEqualTo("1.140");
    assertThat(goal(ratio).goal()).isEqualTo("<= 1.15");
    assertThat(goal(ratio).verdict()).isEqualTo("PASS");
  }

  @Test
  void streamingGoalIsTheExtraCostPerElementForEveryKind() {
    measured("StreamingBenchmarks.iteratorRaw", "", 1, 1.0, 0);
    measured("StreamingBenchmarks.iteratorTraced", "", 1, 15.0, 0);
    measured("StreamingBenchmarks.fluxRaw", "", 1, 10.0, 0);
    measured("StreamingBenchmarks.fluxTraced", "", 1, 30.0, 0);
    Goals.Row iterator = goal("streaming (iterator), tracing on: extra ns per element");
    assertThat(iterator.value()).isEqualTo("14.0 ns");
    assertThat(iterator.goal()).isEqualTo("<= 15 ns");
    assertThat(iterator.verdict()).isEqualTo("PASS");
    assertThat(goal("streaming (flux), tracing on: extra ns per element").verdict()).isEqualTo("MISS");
    assertThat(goal("streaming (tokenStream), tracing on: extra ns per element").verdict()).isEqualTo("not measured");
  }

  @Test
  void theGoalsAreExactlyTheRebasedOnes() {
    assertThat(new Goals(measurements).goals())
        .extracting(Goals.Row::ratio)
        .containsExactly(
            "tracing off / forwarding-only decorator",
            "tracing on / hand-written OpenTelemetry, 1 thread",
            "tracing on / hand-written OpenTelemetry, 4 threads",
            "sampled out (1%) / hand-written sampled out",
            "traced throw / hand-written recordException, 50 frames",
            "traced throw / hand-written recordException, 1000 frames",
            "javac with processor / javac on the same sources without it (thread CPU)",
            "10M-element list / 1000-element list argument (tracing on)",
            "streaming (iterator), tracing on: extra ns per element",
            "streaming (stream), tracing on: extra ns per element",
            "streaming (flux), tracing on: extra ns per element",
            "streaming (tokenStream), tracing on: extra ns per element");
  }

  @Test
  void aGoalWithoutItsMeasurementsIsNotMeasuredRatherThanPassed() {
    assertThat(new Goals(measurements).goals()).extracting(Goals.Row::verdict).containsOnly("not measured");
  }
}
