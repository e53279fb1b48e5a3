package dev.bulwark.platform.kinds;

import java.util.Map;

/**
 * A typed part of a custom resource (a spec, or an object inside one) that becomes the plain map
 * structure every rendered object is made of, so that typed and untyped objects serialise alike.
 */
public interface ResourceFields {

  /**
   * The fields as an ordered map, with absent fields left out; nested typed values become maps too.
   */
  Map<String, Object> toMap();
}
