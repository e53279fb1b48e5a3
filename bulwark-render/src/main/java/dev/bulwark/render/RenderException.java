package dev.bulwark.render;

/** A render unit broke the renderer's contract: a bug in Bulwark, not in the user's spec. */
public class RenderException extends RuntimeException {
  public RenderException(String message) {
    super(message);
  }
}
