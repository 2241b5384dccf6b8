package com.example;

import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import studio.bud.track.Track;

public interface Assistant {
  @Track(type = "llm")
  String ask(String question);

  @Track(type = "llm")
  Stream<String> streamAnswer(String question); // followed element by element

  @Track(type = "llm")
  CompletableFuture<String> askAsync(String question); // followed to completion
}
