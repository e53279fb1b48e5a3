package dev.bulwark.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Builds Jackson trees and their {@link Positions} straight from SnakeYAML's parser events, without
 * SnakeYAML's composer: the composer's node graph cost about 10 µs per manifest on top of the
 * parser, only to be converted and dropped.
 *
 * <p>It keeps the composer's rules, so the result is what composing and then converting gave:
 * scalars resolved by SnakeYAML's own {@link Resolver} (YAML 1.1 types), anchors scoped to their
 * document and redefinable, aliases to undefined anchors refused at the alias, the limits on
 * nesting depth and on aliases of collections (per stream), global tags refused, no merging of
 * {@code <<} keys (it stays an ordinary key, as before). Errors the composer raised are raised at
 * once; errors the conversion raised (duplicate key, a key that is not a scalar, a recursive alias)
 * are held until the document's end event has been read, because the conversion ran only after the
 * whole document was composed and a syntax error further on in the document won.
 */
final class TreeBuilder {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** Past this many members, duplicate keys are looked up in a set instead of by a scan. */
  private static final int SCAN_LIMIT = 32;

  private final String source;
  private final Parser parser;
  private final LoaderOptions options;
  private final Resolver resolver = new Resolver();

  /**
   * One instance of each mapping key per source: a bundle of a thousand Deployments repeats the
   * same few dozen keys, and callers may keep every tree until all are read. It also lets the
   * duplicate-key check compare keys by identity.
   */
  private final Map<String, String> names = new HashMap<>();

  private final Map<String, Anchor> anchors = new HashMap<>();

  /** Scratch space per nesting level, reused from one collection to the next. */
  private final List<Frame> frames = new ArrayList<>();

  private int depth;
  private int aliasesOfCollections;

  /** The first conversion error of the current document, raised once the document has ended. */
  private YamlSyntaxException deferred;

  // What the last call of node() built, besides the returned value.
  private long lastStart;
  private Positions lastPositions;

  /** The text of the last scalar (for keys); null after a collection. */
  private String lastText;

  TreeBuilder(String source, Parser parser, LoaderOptions options) {
    this.source = source;
    this.parser = parser;
    this.options = options;
  }

  /** Every non-null document of the stream, in order, counted from 0 with the empty ones. */
  List<YamlDocument> documents() throws YamlSyntaxException {
    List<YamlDocument> documents = new ArrayList<>();
    int index = 0;
    while (true) {
      if (parser.checkEvent(Event.ID.StreamStart)) {
        parser.getEvent();
      }
      if (parser.checkEvent(Event.ID.StreamEnd)) {
        return documents;
      }
      parser.getEvent(); // document start
      JsonNode content = node(false);
      Positions positions =
          lastPositions != null ? lastPositions : new Positions(lastStart, null, null, null);
      parser.getEvent(); // document end
      anchors.clear();
      if (deferred != null) {
        throw deferred;
      }
      if (!content.isNull()) {
        documents.add(new YamlDocument(source, index, content, positions));
      }
      index++;
    }
  }

  private JsonNode node(boolean key) throws YamlSyntaxException {
    if (parser.checkEvent(Event.ID.Alias)) {
      return alias((AliasEvent) parser.getEvent(), key);
    }
    parser.peekEvent();
    if (depth > options.getNestingDepthLimit()) {
      throw new YAMLException("Nesting Depth exceeded max " + options.getNestingDepthLimit());
    }
    depth++;
    JsonNode node;
    if (parser.checkEvent(Event.ID.Scalar)) {
      node = scalar((ScalarEvent) parser.getEvent(), key);
    } else if (parser.checkEvent(Event.ID.SequenceStart)) {
      node = sequence((CollectionStartEvent) parser.getEvent());
    } else {
      node = mapping((CollectionStartEvent) parser.getEvent());
    }
    depth--;
    return node;
  }

  private JsonNode alias(AliasEvent event, boolean key) throws YamlSyntaxException {
    Anchor anchor = anchors.get(event.getAnchor());
    if (anchor == null) {
      throw new YamlSyntaxException(
          location(event.getStartMark()), "found undefined alias " + event.getAnchor());
    }
    if (anchor.text == null && ++aliasesOfCollections > options.getMaxAliasesForCollections()) {
      throw new YAMLException(
          "Number of aliases for non-scalar nodes exceeds the specified max="
              + options.getMaxAliasesForCollections());
    }
    lastStart = anchor.start;
    lastText = anchor.text;
    lastPositions = anchor.positions;
    if (anchor.value == null) {
      // Still open: the alias is inside its own anchor, and the tree would be infinite. (As a
      // key it is refused for not being a scalar, which the conversion checked first.)
      if (!key) {
        defer(anchor.start, "recursive alias");
      }
      return JSON.nullNode();
    }
    // A copy, as converting the composer's shared node again gave: callers may change their tree.
    return anchor.text == null ? anchor.value.deepCopy() : anchor.value;
  }

  private JsonNode scalar(ScalarEvent event, boolean key) throws YamlSyntaxException {
    String text = event.getValue();
    String anchor = event.getAnchor();
    lastStart = pack(event.getStartMark());
    lastText = text;
    lastPositions = null;
    Tag tag = explicitTag(event.getTag(), event.getStartMark());
    if (key && anchor == null) {
      return null; // a key's text is all the mapping needs
    }
    if (tag == null) {
      tag = resolver.resolve(NodeId.scalar, text, event.getImplicit().canOmitTagInPlainScalar());
    }
    JsonNode value = convert(text, tag);
    if (anchor != null) {
      anchors.put(anchor, new Anchor(lastStart, text, value, null));
    }
    return value;
  }

  /**
   * The tag written in the source, or null when the resolver decides; refuses global tags as the
   * composer does.
   */
  private Tag explicitTag(String written, Mark start) throws YamlSyntaxException {
    if (written == null || written.equals("!")) {
      return null;
    }
    Tag tag = new Tag(written);
    if (tag.isCustomGlobal() && !options.getTagInspector().isGlobalTagAllowed(tag)) {
      throw new YamlSyntaxException(location(start), "Global tag is not allowed: " + written);
    }
    return tag;
  }

  private ObjectNode mapping(CollectionStartEvent event) throws YamlSyntaxException {
    explicitTag(event.getTag(), event.getStartMark());
    long start = pack(event.getStartMark());
    Anchor anchor = open(event.getAnchor(), start);
    Frame frame = frame();
    Set<String> seen = null;
    while (!parser.checkEvent(Event.ID.MappingEnd)) {
      if (parser.checkEvent(Event.ID.MappingStart) || parser.checkEvent(Event.ID.SequenceStart)) {
        // Refused before its content is read, as the conversion never looked inside such a key.
        defer(pack(parser.peekEvent().getStartMark()), "a mapping key must be a plain value");
      }
      node(true);
      long keyStart = lastStart;
      String name = lastText == null ? null : names.computeIfAbsent(lastText, n -> n);
      if (name == null) {
        defer(keyStart, "a mapping key must be a plain value");
      } else if (frame.count >= SCAN_LIMIT && seen == null) {
        seen = new HashSet<>(Arrays.asList(frame.names).subList(0, frame.count));
      }
      boolean duplicate = name != null && (seen != null ? !seen.add(name) : frame.holds(name));
      if (duplicate) {
        defer(keyStart, "duplicate key '" + name + "'");
      }
      JsonNode value = node(false);
      if (name != null && !duplicate) {
        frame.add(name, keyStart, value, lastStart, lastPositions);
      }
    }
    parser.getEvent();
    LinkedHashMap<String, JsonNode> members = LinkedHashMap.newLinkedHashMap(frame.count);
    for (int i = 0; i < frame.count; i++) {
      members.put(frame.names[i], frame.values[i]);
    }
    return (ObjectNode) close(anchor, new ObjectNode(JSON, members), frame.positions(start, true));
  }

  private ArrayNode sequence(CollectionStartEvent event) throws YamlSyntaxException {
    explicitTag(event.getTag(), event.getStartMark());
    long start = pack(event.getStartMark());
    Anchor anchor = open(event.getAnchor(), start);
    Frame frame = frame();
    while (!parser.checkEvent(Event.ID.SequenceEnd)) {
      JsonNode item = node(false);
      frame.add(null, 0, item, lastStart, lastPositions);
    }
    parser.getEvent();
    ArrayNode array = JSON.arrayNode(frame.count);
    for (int i = 0; i < frame.count; i++) {
      array.add(frame.values[i]);
    }
    return (ArrayNode) close(anchor, array, frame.positions(start, false));
  }

  /** Registers an anchored collection before its content, which may (wrongly) alias it. */
  private Anchor open(String name, long start) {
    if (name == null) {
      return null;
    }
    Anchor anchor = new Anchor(start, null, null, null);
    anchors.put(name, anchor);
    return anchor;
  }

  private JsonNode close(Anchor anchor, JsonNode value, Positions positions) {
    frames.get(depth - 1).clear();
    if (anchor != null) {
      anchor.value = value;
      anchor.positions = positions;
    }
    lastStart = positions.start;
    lastText = null;
    lastPositions = positions;
    return value;
  }

  private Frame frame() {
    while (frames.size() < depth) {
      frames.add(new Frame());
    }
    return frames.get(depth - 1);
  }

  private void defer(long packed, String message) {
    if (deferred == null) {
      deferred = new YamlSyntaxException(Positions.location(source, packed), message);
    }
  }

  private Location location(Mark mark) {
    return LocatedYaml.location(source, mark);
  }

  private static long pack(Mark mark) {
    return mark == null
        ? Positions.pack(1, 1)
        : Positions.pack(mark.getLine() + 1, mark.getColumn() + 1);
  }

  /** A scalar as Kubernetes' YAML reader takes it, from its text and resolved (or written) tag. */
  static JsonNode convert(String value, Tag tag) {
    try {
      if (Tag.NULL.equals(tag)) {
        return JSON.nullNode();
      }
      if (Tag.BOOL.equals(tag)) {
        // YAML 1.1 booleans, as Kubernetes' YAML reader (go-yaml v2) also takes them: yes/on are
        // true.
        String lower = value.toLowerCase(Locale.ROOT);
        return JSON.booleanNode(lower.equals("true") || lower.equals("yes") || lower.equals("on"));
      }
      if (Tag.INT.equals(tag)) {
        BigInteger number = new BigInteger(value.replace("_", ""));
        return number.bitLength() < 64
            ? JSON.numberNode(number.longValue())
            : JSON.numberNode(number);
      }
      if (Tag.FLOAT.equals(tag)) {
        return JSON.numberNode(Double.parseDouble(value.replace("_", "")));
      }
    } catch (NumberFormatException e) {
      // YAML 1.1 number forms Java does not parse (sexagesimal, 0o17): keep the text.
    }
    return JSON.textNode(value);
  }

  /** An anchored node: open (no value yet) while its own content is being read. */
  private static final class Anchor {
    final long start;

    /** The text of an anchored scalar; null for a collection. */
    final String text;

    JsonNode value;
    Positions positions;

    Anchor(long start, String text, JsonNode value, Positions positions) {
      this.start = start;
      this.text = text;
      this.value = value;
      this.positions = positions;
    }
  }

  /** The members of the collection being read at one nesting level. */
  private static final class Frame {
    String[] names = new String[16];
    JsonNode[] values = new JsonNode[16];
    long[] keys = new long[16];
    long[] starts = new long[16];
    Positions[] nested = new Positions[16];
    int count;

    boolean holds(String name) {
      for (int i = 0; i < count; i++) {
        if (names[i] == name) { // keys are interned per source
          return true;
        }
      }
      return false;
    }

    void add(String name, long key, JsonNode value, long start, Positions inner) {
      if (count == values.length) {
        int size = count * 2;
        names = Arrays.copyOf(names, size);
        values = Arrays.copyOf(values, size);
        keys = Arrays.copyOf(keys, size);
        starts = Arrays.copyOf(starts, size);
        nested = Arrays.copyOf(nested, size);
      }
      names[count] = name;
      values[count] = value;
      keys[count] = key;
      starts[count] = start;
      nested[count] = inner;
      count++;
    }

    Positions positions(long start, boolean mapping) {
      return new Positions(
          start,
          Arrays.copyOf(starts, count),
          mapping ? Arrays.copyOf(keys, count) : null,
          Arrays.copyOf(nested, count));
    }

    /** Drops references so that a finished tree is not kept alive by the scratch space. */
    void clear() {
      Arrays.fill(names, 0, count, null);
      Arrays.fill(values, 0, count, null);
      Arrays.fill(nested, 0, count, null);
      count = 0;
    }
  }
}
