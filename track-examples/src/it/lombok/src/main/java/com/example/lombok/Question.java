package com.example.lombok;

import lombok.Value;

/** A question to an answerer: an immutable Lombok value (constructor, getters, toString). */
@Value
public class Question {
  String text;
  int priority;
}
