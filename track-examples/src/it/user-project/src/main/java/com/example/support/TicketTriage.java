package com.example.support;

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
}
