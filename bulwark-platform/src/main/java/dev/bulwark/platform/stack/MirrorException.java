package dev.bulwark.platform.stack;

import dev.bulwark.render.RenderException;

/** A mirror that cannot serve what the platform installs; nothing is rendered. */
public class MirrorException extends RenderException {
  public MirrorException(String message) {
    super(message);
  }
}
