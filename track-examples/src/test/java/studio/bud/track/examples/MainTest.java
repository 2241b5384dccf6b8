package studio.bud.track.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import studio.bud.track.examples.ChatCompletionsAssistant.ChatCompletionException;
import studio.bud.track.runtime.Tracking;

/**
 * Runs the example's {@code main} logic, with the real {@code Tracking.configure()}, and reads what
 * it prints.
 */
class MainTest {

  /** A span's line in the tree: branch, name, [type], duration, status. */
  private static final Pattern SPAN_LINE =
      Pattern.compile(
          "^(?<branch>(?:[|`]-- |\\|   |    )*)(?<name>\\S+) \\[(?<type>\\w+)] \\d+\\.\\d ms"
              + " (?<status>.+)$");

  @AfterEach
  void tracingIsOffAgain() {
    assertThat(Tracking.isConfigured()).isFalse();
  }

  @Test
  void offlineRunPrintsTheAnswersAndThePipelineTreeWithTwoAskChildren() {
    String output = run(Map.of());

    assertThat(output)
        .contains("Export:    none (set BUD_BASE_URL to also send these spans to a Bud collector)");
    assertThat(output)
        .contains("Model:     offline model built into the example")
        .contains("Summary:   " + OfflineAssistant.QUANTUM_SUMMARY)
        .contains("Follow-up: " + OfflineAssistant.QUANTUM_FOLLOWUP)
        .contains("Streamed:  " + OfflineAssistant.QUANTUM_USES)
        .contains("Async:     " + OfflineAssistant.QUANTUM_IMPORTANCE)
        .contains("Finished spans (5):");
    assertThat(spanLines(output))
        .containsExactly(
            "pipeline [chain] OK",
            "|-- Assistant.ask [llm] OK",
            "`-- Assistant.ask [llm] OK",
            "Assistant.streamAnswer [llm] OK",
            "Assistant.askAsync [llm] OK");
    assertThat(output)
        .contains("|  bud.track.input.topic     = \"quantum computing\"")
        .contains(
            "|     bud.track.input.question = \"Summarize quantum computing in one sentence.\"")
        .contains("      bud.track.input.question = \"Explain this further: Quantum computing")
        .contains("  bud.track.yield_count         = 11")
        .contains("  bud.track.generator_completed = true")
        .contains("  bud.track.output         = \"It could make tractable");
  }

  @Test
  void onlineRunAsksTheConfiguredEndpointAndSendsTheSameTreeThere() throws Exception {
    try (FakeChatServer server = new FakeChatServer()) {
      String output =
          run(
              Map.of(
                  "BUD_BASE_URL", server.baseUrl(),
                  "BUD_API_KEY", "test-key",
                  "BUD_MODEL", "fake-model"));

      String summary = "echo: Summarize quantum computing in one sentence.";
      assertThat(output)
          .contains(
              "Model:     online model fake-model at " + server.baseUrl() + "/v1/chat/completions")
          .contains(
              "Export:    OTLP over HTTP to " + server.baseUrl() + "/v1/traces (BUD_BASE_URL)")
          .contains("Summary:   " + summary)
          .contains("Follow-up: echo: Explain this further: " + summary)
          .contains("Streamed:  echo: " + Main.STREAMED_QUESTION)
          .contains("Async:     echo: " + Main.ASYNC_QUESTION);
      assertThat(spanLines(output))
          .containsExactly(
              "pipeline [chain] OK",
              "|-- Assistant.ask [llm] OK",
              "`-- Assistant.ask [llm] OK",
              "Assistant.streamAnswer [llm] OK",
              "Assistant.askAsync [llm] OK");
      assertThat(server.requests()).hasSize(4);
      assertThat(server.requests())
          .allSatisfy(
              request -> assertThat(request.header("Authorization")).isEqualTo("Bearer test-key"));

      // As in the Python SDK, BUD_BASE_URL and BUD_API_KEY also send the spans to the gateway;
      // Tracking.shutdown() at the end of the run flushed them.
      assertThat(server.traceExports()).isNotEmpty();
      List<String> exportedNames = new java.util.ArrayList<>();
      for (FakeChatServer.TraceExport export : server.traceExports()) {
        assertThat(export.header("Authorization")).isEqualTo("Bearer test-key");
        assertThat(export.header("X-Bud-SDK-Version")).isNotBlank();
        for (ResourceSpans resourceSpans :
            ExportTraceServiceRequest.parseFrom(export.body()).getResourceSpansList()) {
          resourceSpans.getScopeSpansList().stream()
              .flatMap(scope -> scope.getSpansList().stream())
              .forEach(span -> exportedNames.add(span.getName()));
        }
      }
      assertThat(exportedNames)
          .containsExactlyInAnyOrder(
              "pipeline",
              "Assistant.ask",
              "Assistant.ask",
              "Assistant.streamAnswer",
              "Assistant.askAsync");
    }
  }

  @Test
  void aFailingModelStillPrintsTheTreeWithTheErrorAndRethrows() throws Exception {
    try (FakeChatServer server = new FakeChatServer()) {
      server.respondWith(
          request ->
              new FakeChatServer.Response(
                  503, "application/json", "{\"error\":{\"message\":\"no capacity\"}}"));
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      Map<String, String> environment =
          Map.of("BUD_BASE_URL", server.baseUrl(), "BUD_API_KEY", "test-key");

      assertThatThrownBy(() -> Main.run(environment::get, printStream(bytes)))
          .isInstanceOf(ChatCompletionException.class)
          .hasMessageContaining("no capacity");

      String output = bytes.toString(StandardCharsets.UTF_8);
      // The status description is Python's "<Type>: <message>", clipped for display like every
      // value in the tree (the span itself keeps it whole).
      String error =
          "ERROR: "
              + SpanTree.clip(
                  "ChatCompletionException: HTTP 503 from "
                      + server.baseUrl()
                      + "/v1/chat/completions: no capacity");
      assertThat(output).contains("Failed:    ");
      assertThat(spanLines(output))
          .containsExactly("pipeline [chain] " + error, "`-- Assistant.ask [llm] " + error);
      assertThat(output.lines().filter(line -> line.contains("event exception: ")))
          .hasSize(2)
          .allSatisfy(line -> assertThat(line).contains("ChatCompletionException: HTTP 503"));
    }
  }

  @Test
  void onlyOneOfBaseUrlAndKeyKeepsTheOfflineModel() {
    Function<String, String> onlyUrl = Map.of("BUD_BASE_URL", "http://127.0.0.1:9")::get;

    assertThat(Main.assistantFor(onlyUrl)).isInstanceOf(OfflineAssistant.class);
    assertThat(Main.assistantFor(Map.of("BUD_API_KEY", "k")::get))
        .isInstanceOf(OfflineAssistant.class);
  }

  private static String run(Map<String, String> environment) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Main.run(environment::get, printStream(bytes));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static PrintStream printStream(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }

  /** The span lines of the printed tree, without their durations: "branch name [type] status". */
  private static List<String> spanLines(String output) {
    return output
        .lines()
        .map(SPAN_LINE::matcher)
        .filter(Matcher::matches)
        .map(
            m ->
                m.group("branch")
                    + m.group("name")
                    + " ["
                    + m.group("type")
                    + "] "
                    + m.group("status"))
        .collect(Collectors.toList());
  }
}
