package studio.bud.track.examples;

import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import studio.bud.track.runtime.Tracking;
import studio.bud.track.runtime.TrackingConfig;

/**
 * The example: a traced LLM pipeline, the Java counterpart of the Bud Python SDK's {@code
 * examples/track_example.py}.
 *
 * <p>It configures tracing from the environment (what {@code Tracking.configure()} does), wraps an
 * {@link Assistant} and a {@link Pipeline} with their generated {@code Traced*} classes, runs the
 * pipeline (one {@code ask} for a summary, one for a follow-up), streams one answer and awaits one
 * asynchronous answer, prints the results and the finished spans as a tree, and shuts tracing down.
 *
 * <p>Environment:
 *
 * <ul>
 *   <li>{@code BUD_BASE_URL} and {@code BUD_API_KEY} (and optionally {@code BUD_MODEL}, default
 *       {@value ChatCompletionsAssistant#DEFAULT_MODEL}): ask a real OpenAI-compatible model
 *       instead of the built-in offline one, and, as the Python SDK does, also send the spans there
 *       (OTLP to {@code <BUD_BASE_URL>/v1/traces}, {@code Authorization: Bearer <BUD_API_KEY>}).
 *   <li>{@code BUD_OTEL_SERVICE_NAME}, {@code BUD_OTEL_ENABLED}, {@code BUD_OTEL_MODE} and the
 *       standard {@code OTEL_*} variables, as {@code Tracking.configure()} reads them.
 * </ul>
 *
 * <p>With neither {@code BUD_BASE_URL} nor {@code BUD_API_KEY} set, it runs offline: the built-in
 * model, and spans only printed.
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
   * @param environment reads {@code BUD_BASE_URL}, {@code BUD_API_KEY} (for the model and the
   *     export), {@code BUD_MODEL} and the variables the export note mentions; everything else
   *     {@code Tracking.configure} reads comes from the real environment
   * @throws RuntimeException what a model call threw, after the spans (with the error) are printed
   */
  static void run(Function<String, String> environment, PrintStream out) {
    Assistant model = assistantFor(environment);
    FinishedSpans.INSTANCE.takeAll(Duration.ZERO); // forget spans of an earlier run in this JVM
    Tracking.configure(tracingSettings(environment));
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

  /**
   * {@code BUD_BASE_URL} and {@code BUD_API_KEY} as {@code Tracking.configure(TrackingConfig)}
   * settings. With the process environment this is exactly {@code Tracking.configure()} (a setting
   * left out reads its variable anyway); taking them from {@code environment} lets a test send the
   * spans to the same fake gateway as the model calls.
   */
  static TrackingConfig tracingSettings(Function<String, String> environment) {
    return TrackingConfig.builder()
        .collectorEndpoint(nonBlank(environment.apply(BASE_URL)))
        .apiKey(nonBlank(environment.apply(API_KEY)))
        .build();
  }

  private static void printSpans(PrintStream out) {
    if (!Tracking.isConfigured()) {
      out.println("Tracing is off (Tracking.configure() logged why), so there are no spans.");
      return;
    }
    List<SpanData> spans = FinishedSpans.INSTANCE.takeAll(OPEN_SPANS_WAIT);
    if (spans.isEmpty()) {
      out.println(
          "No spans were recorded (is BUD_OTEL_ENABLED=false, or did BUD_OTEL_MODE=auto attach to"
              + " a Java agent, which exports them itself?).");
      return;
    }
    out.println("Finished spans (" + spans.size() + "):");
    out.println();
    out.print(SpanTree.render(spans));
  }

  /** What the environment asks {@code Tracking.configure()} to export, in a few words. */
  private static String exportNote(Function<String, String> environment) {
    String enabled = nonBlank(environment.apply("BUD_OTEL_ENABLED"));
    if (enabled != null && List.of("false", "0", "no").contains(enabled.toLowerCase(Locale.ROOT))) {
      return "none, and no spans (BUD_OTEL_ENABLED=" + enabled + ")";
    }
    String baseUrl = nonBlank(environment.apply(BASE_URL));
    if (baseUrl != null) {
      return "OTLP over HTTP to " + baseUrl.replaceAll("/+$", "") + "/v1/traces (BUD_BASE_URL)";
    }
    for (String variable :
        List.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_ENDPOINT")) {
      String endpoint = nonBlank(environment.apply(variable));
      if (endpoint != null) {
        return "OTLP to " + endpoint + " (" + variable + ")";
      }
    }
    return "none (set BUD_BASE_URL to also send these spans to a Bud collector)";
  }

  private static String nonBlank(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
