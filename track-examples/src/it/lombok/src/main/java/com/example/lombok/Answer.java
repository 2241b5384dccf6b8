package com.example.lombok;

import lombok.Value;

/** An answer, also a Lombok value: the span records its Lombok toString(). */
@Value
public class Answer {
  String text;
  double confidence;
}
