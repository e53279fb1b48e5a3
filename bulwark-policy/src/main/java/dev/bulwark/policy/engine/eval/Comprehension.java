package dev.bulwark.policy.engine.eval;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * CEL's general comprehension, to which the macros all, exists, exists_one, map and filter expand:
 * over the elements of a list or the keys of a map, with the iteration variable and the accumulator
 * in frame slots. A failing loop step leaves the error in the accumulator, as in cel-java: a later
 * step may absorb it ({@code ||}, {@code &&}) and the result raises it otherwise.
 */
record Comprehension(
    Node range,
    int iterSlot,
    int accuSlot,
    Node init,
    Node condition,
    Node step,
    Node result,
    int maxIterations)
    implements Node {

  @Override
  public Object eval(Frame frame) {
    Object source = range.eval(frame);
    Collection<?> elements =
        switch (source) {
          case List<?> list -> list;
          case Map<?, ?> map -> map.keySet();
          default ->
              throw new EvalError(
                  "expected a list or a map for iteration range but got '"
                      + Values.typeName(source)
                      + "'");
        };
    Object[] slots = frame.slots;
    slots[accuSlot] = init.eval(frame);
    int iterations = 0;
    for (Object element : elements) {
      if (++iterations > maxIterations) {
        throw new EvalError("iteration budget exceeded: " + maxIterations);
      }
      slots[iterSlot] = element;
      if (!Values.bool(condition.eval(frame))) {
        break;
      }
      slots[accuSlot] = Logic.evalNonStrict(step, frame);
    }
    return result.eval(frame);
  }

  /**
   * The step of map and filter, {@code accu + [value]} (filter: under a condition): appends to a
   * list the comprehension owns instead of copying the accumulator on every element. Sound because
   * the accumulator starts as a fresh list (the compiler checks that the init is {@code []}) and
   * nothing else can see it before the loop ends.
   */
  record Append(int accuSlot, Node guard, Node value) implements Node {
    @Override
    @SuppressWarnings("unchecked")
    public Object eval(Frame frame) {
      Object accu = frame.slots[accuSlot];
      if (accu instanceof Frame.Failed failed) {
        throw failed.error();
      }
      if (guard != null && !Values.bool(guard.eval(frame))) {
        return accu;
      }
      Object element = value.eval(frame);
      List<Object> list =
          accu instanceof ArrayList<?> owned
              ? (List<Object>) owned
              : new ArrayList<>((List<Object>) accu);
      list.add(element);
      return list;
    }
  }
}
