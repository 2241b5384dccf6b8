package studio.bud.track.examples;

import java.util.LinkedHashMap;
import java.util.Map;

/** Asks for a summary of the topic, then asks the assistant to explain that summary further. */
final class SummaryPipeline implements Pipeline {

  private final Assistant assistant;

  /**
   * @param assistant the traced assistant, so that its calls become children of the pipeline span
   */
  SummaryPipeline(Assistant assistant) {
    this.assistant = assistant;
  }

  static String summaryQuestion(String topic) {
    return "Summarize " + topic + " in one sentence.";
  }

  static String followupQuestion(String summary) {
    return "Explain this further: " + summary;
  }

  @Override
  public Map<String, String> run(String topic) {
    String summary = assistant.ask(summaryQuestion(topic));
    String followup = assistant.ask(followupQuestion(summary));
    Map<String, String> result = new LinkedHashMap<>();
    result.put("summary", summary);
    result.put("followup", followup);
    return result;
  }
}
