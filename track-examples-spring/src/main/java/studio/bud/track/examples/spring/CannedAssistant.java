package studio.bud.track.examples.spring;

import org.springframework.stereotype.Service;

/**
 * Stands in for a call to a language model, so that the example runs offline. The starter replaces
 * this bean by its traced view; nothing here knows about tracing.
 */
@Service
public class CannedAssistant implements Assistant {

  /** Created by Spring. */
  public CannedAssistant() {}

  @Override
  public String answer(String question) {
    return "You asked: " + question;
  }
}
