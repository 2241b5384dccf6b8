package studio.bud.track.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import studio.bud.track.runtime.Tracking;

/** Runs the LangChain4j example as its README command does, and reads what it prints. */
class LangChain4jExampleTest {

  @AfterEach
  void tracingIsOffAgain() {
    assertThat(Tracking.isConfigured()).isFalse();
  }

  @Test
  void printsTheStreamedAnswerAndTheToolSpanUnderTheStreamSpan() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    LangChain4jExample.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String output = bytes.toString(StandardCharsets.UTF_8);

    assertThat(output)
        .contains("Answer:    " + String.join("", LangChain4jExample.ANSWER))
        .contains("Finished spans (2):")
        .containsPattern("(?m)^TravelAssistant\\.advise \\[llm] \\d+\\.\\d ms OK$")
        .containsPattern("(?m)^`-- WeatherService\\.forecast \\[tool] \\d+\\.\\d ms OK$")
        .contains("|  bud.track.yield_count          = 4")
        .contains("|  bud.track.generator_completed  = true")
        .contains("|  gen_ai.usage.total_tokens      = 131")
        .contains("|  gen_ai.response.finish_reasons = [stop]")
        .contains(
            "|  bud.track.output               = \""
                + String.join("", LangChain4jExample.ANSWER)
                + "\"")
        .contains("      bud.track.input.city = \"Lisbon\"");
  }
}
