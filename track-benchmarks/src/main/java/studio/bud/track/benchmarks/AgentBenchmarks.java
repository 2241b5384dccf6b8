package studio.bud.track.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Comparison 7: {@code @WithSpan} + {@code @SpanAttribute} under the OpenTelemetry Java agent.
 * {@link Report} starts this fork with {@code -javaagent} and the discarding exporter extension.
 * Forked any other way, the setup refuses to measure (it would time a plain call). The in-process
 * test run does not fork, so the property is unset there and the annotated class runs without the
 * agent.
 */
@Fork(jvmArgsAppend = "-D" + AgentBenchmarks.REQUIRE_AGENT + "=true")
public class AgentBenchmarks {

  /** The system property that makes the setup insist on a recording agent. */
  public static final String REQUIRE_AGENT = "track.benchmarks.requireAgent";

  /** The annotated implementation, checked to record under the agent. */
  @State(Scope.Benchmark)
  public static class UnderAgent {
    public Assistant assistant;

    @Setup(Level.Trial)
    public void setUp() {
      WithSpanAssistant annotated = new WithSpanAssistant();
      assistant = annotated;
      if (Boolean.getBoolean(REQUIRE_AGENT) && !annotated.recordingInsideWithSpan()) {
        throw new IllegalStateException(
            "@WithSpan does not record: start this fork with -javaagent (see Report),"
                + " with the discarding exporter extension");
      }
    }
  }

  /** 7. {@code @WithSpan} under the agent. */
  @Benchmark
  public String withSpan(UnderAgent agent, Arguments args) {
    return agent.assistant.ask(args.question, args.maxTokens);
  }
}
