package studio.bud.track.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The build-time comparison on a corpus of three interfaces, compiled once each way (the corpus must compile every way, or measure throws). */
class BuildTimeTest {

  @Test
  void compilesTheCorpusEveryWayAndMeasuresEachByThreadAndProcessCpu() throws Exception {
    List<Measurement> measured = BuildTime.measure(new BuildTime.Settings(3, 0, 1));

    assertThat(measured)
        .extracting(Measurement::key)
        .containsExactly(
            Measurement.key(BuildTime.WITH, BuildTime.THREAD_CPU, 1),
            Measurement.key(BuildTime.WITHOUT, BuildTime.THREAD_CPU, 1),
            Measurement.key(BuildTime.FLOOR, BuildTime.THREAD_CPU, 1),
            Measurement.key(BuildTime.WITH, BuildTime.PROCESS_CPU, 1),
            Measurement.key(BuildTime.WITHOUT, BuildTime.PROCESS_CPU, 1),
            Measurement.key(BuildTime.FLOOR, BuildTime.PROCESS_CPU, 1));
    assertThat(measured).allSatisfy(m -> assertThat(m.nanos()).isPositive());
    assertThat(measured).allSatisfy(m -> assertThat(m.bytes()).isPositive());
  }
}
