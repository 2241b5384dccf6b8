package com.example.lombok;

import lombok.Getter;
import lombok.RequiredArgsConstructor;

/**
 * The implementation, built by Lombok: its constructor (from the final fields) and its getName()
 * are generated, so it compiles only if Lombok ran in the same javac as track.
 */
@RequiredArgsConstructor
public final class CannedAnswerer implements Answerer {

  private final String prefix;

  @Getter private final String name;

  @Override
  public Answer answer(Question question) {
    return new Answer(prefix + question.getText(), question.getPriority() > 1 ? 0.9 : 0.5);
  }
}
