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
  void wrapperOffPassesOnlyWithinTenPercentAndWithoutAllocationOfItsOwn() {
    measured("CallBenchmarks.direct", "", 1, 2.0, 0.0);
    measured("CallBenchmarks.wrapperOff", "", 1, 2.1, 0.0);
    assertThat(goal("wrapper off / direct").verdict()).isEqualTo("PASS");

    measured("CallBenchmarks.wrapperOff", "", 1, 2.1, 24.0);
    assertThat(goal("wrapper off / direct").verdict()).isEqualTo("MISS");

    measured("CallBenchmarks.wrapperOff", "", 1, 2.3, 0.0);
    assertThat(goal("wrapper off / direct").verdict()).isEqualTo("MISS");
  }

  @Test
  void wrapperOnMustNotAllocateMoreThanHandWritten() {
    measured("CallBenchmarks.handSdk", "", 1, 400, 600);
    measured("CallBenchmarks.wrapperOn", "", 1, 410, 600);
    assertThat(goal("wrapper on / hand-written OpenTelemetry (6)").verdict()).isEqualTo("PASS");

    measured("CallBenchmarks.wrapperOn", "", 1, 410, 680);
    assertThat(goal("wrapper on / hand-written OpenTelemetry (6)").verdict()).isEqualTo("MISS");
  }

  @Test
  void streamingGoalIsTheExtraCostPerElement() {
    measured("StreamingBenchmarks.iteratorRaw", "", 1, 1.0, 0);
    measured("StreamingBenchmarks.iteratorTraced", "", 1, 50.0, 0);
    assertThat(goal("streaming (iterator), tracing on: extra ns per element").value()).isEqualTo("49.0 ns");
    assertThat(goal("streaming (iterator), tracing on: extra ns per element").verdict()).isEqualTo("PASS");
  }

  @Test
  void adapterStreamsShowTheirExtraCostPerElementWithoutAGoal() {
    measured("StreamingBenchmarks.fluxRaw", "", 1, 4.0, 0);
    measured("StreamingBenchmarks.fluxTraced", "", 1, 70.5, 0);
    List<Goals.Row> others = new Goals(measurements).others();
    Goals.Row flux =
        others.stream()
            .filter(r -> r.ratio().equals("streaming (flux), tracing on: extra ns per element"))
            .findFirst()
            .orElseThrow();
    assertThat(flux.value()).isEqualTo("66.5 ns");
    assertThat(flux.verdict()).isEmpty();
    assertThat(others)
        .filteredOn(r -> r.ratio().contains("tokenStream"))
        .extracting(Goals.Row::verdict)
        .containsExactly("not measured");
  }

  @Test
  void aGoalWithoutItsMeasurementsIsNotMeasuredRatherThanPassed() {
    assertThat(goal("wrapper on / agent @WithSpan").verdict()).isEqualTo("not measured");
  }
}
