package studio.bud.track.examples;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * A model built into the example, so that it runs on a machine with no network and no API key: it
 * knows the answers to the example's own questions and says so for any other. Deterministic: the
 * same question always gets the same answer, which keeps the example's tests exact.
 */
final class OfflineAssistant implements Assistant {

  static final String QUANTUM_SUMMARY =
      "Quantum computing uses qubits, which can hold superpositions of 0 and 1 and become"
          + " entangled, to solve certain problems far faster than classical computers.";

  static final String QUANTUM_FOLLOWUP =
      "A classical bit is either 0 or 1, while n entangled qubits describe 2^n amplitudes at"
          + " once; algorithms such as Shor's and Grover's use interference between those"
          + " amplitudes so that wrong answers cancel out and the right one is likely to be"
          + " measured.";

  static final String QUANTUM_USES =
      "Simulating molecules for chemistry, optimizing logistics, and breaking or hardening"
          + " cryptography.";

  static final String QUANTUM_IMPORTANCE =
      "It could make tractable some problems that no classical computer can solve in a"
          + " lifetime.";

  private static final Map<String, String> ANSWERS =
      Map.of(
          SummaryPipeline.summaryQuestion(Main.TOPIC),
          QUANTUM_SUMMARY,
          SummaryPipeline.followupQuestion(QUANTUM_SUMMARY),
          QUANTUM_FOLLOWUP,
          Main.STREAMED_QUESTION,
          QUANTUM_USES,
          Main.ASYNC_QUESTION,
          QUANTUM_IMPORTANCE);

  @Override
  public String ask(String question) {
    String answer = ANSWERS.get(question);
    return answer != null
        ? answer
        : "The offline model only knows the example's own questions; set BUD_BASE_URL and"
            + " BUD_API_KEY to ask a real model.";
  }

  /**
   * Streams the answer word by word (each chunk keeps its trailing space), like a model's tokens.
   */
  @Override
  public Stream<String> streamAnswer(String question) {
    return Arrays.stream(ask(question).split("(?<= )"));
  }

  @Override
  public CompletableFuture<String> askAsync(String question) {
    return CompletableFuture.supplyAsync(() -> ask(question));
  }

  @Override
  public String description() {
    return "offline model built into the example (deterministic, no network);"
        + " set BUD_BASE_URL and BUD_API_KEY to call a real one";
  }
}
