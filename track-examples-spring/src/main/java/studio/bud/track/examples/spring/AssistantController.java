package studio.bud.track.examples.spring;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /ask?question=...}: the assistant's answer as plain text. */
@RestController
public class AssistantController {

  private final Assistant assistant;

  /** Spring injects the traced view of the {@link Assistant} bean: injection is by interface. */
  public AssistantController(Assistant assistant) {
    this.assistant = assistant;
  }

  /** Answers one question. */
  @GetMapping("/ask")
  public String ask(@RequestParam("question") String question) {
    return assistant.answer(question);
  }
}
