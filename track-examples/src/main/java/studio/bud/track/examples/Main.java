package studio.bud.track.examples;

import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import studio.bud.track.runtime.Tracking;

/**
 * The example: a traced LLM pipeline, the Java counterpart of the Bud Python SDK's {@code
 * examples/track_example.py}.
 *
 * <p>It configures tracing from the environment ({@code Tracking.configure()}), wraps an {@link
 * Assistant} and a {@link Pipeline} with their generated {@code Traced*} classes, runs the pipeline
 * (one {@code ask} for a summary, one for a follow-up), streams one answer and awaits one
 * asynchronous answer, prints the results and the finished spans as a tree, and shuts tracing down.
 *
 * <p>Environment:
 *
 * <ul>
 *   <li>{@code BUD_BASE_URL} and {@code BUD_API_KEY} (and optionally {@code BUD_MODEL}, default
 *       {@value ChatCompletionsAssistant#DEFAULT_MODEL}): ask a real OpenAI-compatible model
 *       instead of the built-in offline one.
 *   <li>{@code BUD_OTEL_ENDPOINT} (or the standard {@code OTEL_EXPORTER_OTLP_ENDPOINT}), {@code
 *       BUD_OTEL_API_KEY}, {@code BUD_OTEL_SERVICE_NAME}: also export the spans with OTLP.
 * </ul>
 */
public final class Main {

  static final String TOPIC = "quantum computing";
  static final String STREAMED_QUESTION = "Name three uses of quantum computing.";
  static final String ASYNC_QUESTION = "Why does quantum computing matter?";

  static final String BASE_URL = "BUD_BASE_URL";
  static final String API_KEY = "BUD_API_KEY";
  static final String MODEL = "BUD_MODEL";

  /** How long to wait for spans still open when printing (an async span ends in a callback). */
  private static final Duration OPEN_SPANS_WAIT = Duration.ofSeconds(5);

  private Main() {}

  /** Runs the example with the process environment, printing to standard output. */
  public static void main(String[] args) {
    run(System::getenv, System.out);
  }

  /**
   * Runs the example.
   *
   * @param environment reads {@code BUD_BASE_URL}, {@code BUD_API_KEY}, {@code BUD_MODEL} and the
   *     export variables; tracing itself is configured from the real environment
   * @throws RuntimeException what a model call threw, after the spans (with the error) are printed
   */
  static void run(Function<String, String> environment, PrintStream out) {
    Assistant model = assistantFor(environment);
    FinishedSpans.INSTANCE.takeAll(Duration.ZERO); // forget spans of an earlier run in this JVM
    Tracking.configure();
    try {
      Assistant assistant = TracedAssistant.wrap(model);
      Pipeline pipeline = TracedPipeline.wrap(new SummaryPipeline(assistant));

      out.println("track example: a traced LLM pipeline");
      out.println("Model:     " + assistant.description());
      out.println("Export:    " + exportNote(environment));
      out.println();

      RuntimeException failure = null;
      boolean streaming = false;
      try {
        Map<String, String> result = pipeline.run(TOPIC);
        out.println("Summary:   " + result.get("summary"));
        out.println("Follow-up: " + result.get("followup"));

        out.print("Streamed:  ");
        streaming = true;
        try (Stream<String> chunks = assistant.streamAnswer(STREAMED_QUESTION)) {
          chunks.forEach(
              chunk -> {
                out.print(chunk);
                out.flush();
              });
        }
        out.println();
        streaming = false;

        out.println("Async:     " + assistant.askAsync(ASYNC_QUESTION).join());
      } catch (RuntimeException e) {
        failure = e;
        if (streaming) {
          out.println();
        }
        out.println("Failed:    " + e);
      }

      out.println();
      printSpans(out);
      if (failure != null) {
        throw failure;
      }
    } finally {
      Tracking.shutdown();
    }
  }

  /**
   * The online assistant when {@code BUD_BASE_URL} and {@code BUD_API_KEY} are set, else the
   * offline one.
   */
  static Assistant assistantFor(Function<String, String> environment) {
    String baseUrl = nonBlank(environment.apply(BASE_URL));
    String apiKey = nonBlank(environment.apply(API_KEY));
    if (baseUrl == null || apiKey == null) {
      return new OfflineAssistant();
    }
    String model = nonBlank(environment.apply(MODEL));
    return new ChatCompletionsAssistant(
        baseUrl, apiKey, model == null ? ChatCompletionsAssistant.DEFAULT_MODEL : model);
  }

  private static void printSpans(PrintStream out) {
    if (!Tracking.isConfigured()) {
      out.println("Tracing is off (Tracking.configure() logged why), so there are no spans.");
      return;
    }
    List<SpanData> spans = FinishedSpans.INSTANCE.takeAll(OPEN_SPANS_WAIT);
    if (spans.isEmpty()) {
      out.println("No spans were recorded (is BUD_OTEL_ENABLED=false?).");
      return;
    }
    out.println("Finished spans (" + spans.size() + "):");
    out.println();
    out.print(SpanTree.render(spans));
  }

  /** What the environment asks {@code Tracking.configure()} to export, in a few words. */
  private static String exportNote(Function<String, String> environment) {
    if ("false".equalsIgnoreCase(nonBlank(environment.apply("BUD_OTEL_ENABLED")))) {
      return "none, and no spans (BUD_OTEL_ENABLED=false)";
    }
    String endpoint = nonBlank(environment.apply("BUD_OTEL_ENDPOINT"));
    if (endpoint != null) {
      return "OTLP over HTTP to " + endpoint + " (BUD_OTEL_ENDPOINT)";
    }
    for (String variable :
        List.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_ENDPOINT")) {
      endpoint = nonBlank(environment.apply(variable));
      if (endpoint != null) {
        return "OTLP to " + endpoint + " (" + variable + ")";
      }
    }
    return "none (set BUD_OTEL_ENDPOINT to also send these spans to a collector)";
  }

  private static String nonBlank(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
