package studio.bud.track.spring.boot;

import java.util.List;
import studio.bud.track.Track;

/** A second tracked interface, for a bean that implements two. */
public interface Retriever {

  @Track
  List<String> retrieve(String query);
}
