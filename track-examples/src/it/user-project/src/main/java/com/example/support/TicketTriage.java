package com.example.support;

import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import studio.bud.track.Track;

/** Sorts support tickets into queues. */
public interface TicketTriage {

  /**
   * Returns the queue for a ticket.
   *
   * @throws IllegalArgumentException if {@code subject} is blank
   */
  @Track(
      type = "tool",
      attributes = {"team=support", "triage.version=2"})
  String classify(String subject, int priority);

  /** Classifies a ticket in the background; the span ends when the future completes. */
  @Track(type = "tool")
  CompletableFuture<String> classifyLater(String subject);

  /** Streams a suggested reply word by word; the span ends when the stream is exhausted. */
  @Track(type = "llm")
  Stream<String> draftReply(String subject);
}
