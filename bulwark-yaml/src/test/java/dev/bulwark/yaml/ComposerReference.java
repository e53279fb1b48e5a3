package dev.bulwark.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The reader {@link LocatedYaml} was until it built trees from parser events: SnakeYAML's composer,
 * then a conversion of its node graph. Kept, unchanged but for its name, as the reference that
 * {@link TreeBuilderAgreementTest} holds the event-based reader to.
 */
final class ComposerReference {

  /** Large enough for any sane manifest bundle, small enough that a runaway input fails fast. */
  public static final int MAX_CODE_POINTS = 64 * 1024 * 1024;

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private ComposerReference() {}

  /** Every non-empty document of the source, in order. */
  public static List<YamlDocument> read(String source, Reader reader) throws YamlSyntaxException {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setCodePointLimit(MAX_CODE_POINTS);
    options.setMaxAliasesForCollections(50);
    Yaml yaml = new Yaml(new SafeConstructor(options));
    List<YamlDocument> documents = new ArrayList<>();
    try {
      int index = 0;
      Map<String, String> names = new HashMap<>();
      for (Node node : yaml.composeAll(reader)) {
        if (node == null) {
          continue;
        }
        Converter converter = new Converter(source, names);
        JsonNode content = converter.convert(node);
        if (!content.isNull()) {
          documents.add(new YamlDocument(source, index, content, converter.positionsOf(node)));
        }
        index++;
      }
    } catch (YAMLException e) {
      throw LocatedYaml.syntaxError(source, e);
    }
    return documents;
  }

  static Location location(String source, Mark mark) {
    return LocatedYaml.location(source, mark);
  }

  /**
   * Builds the Jackson tree and, beside it, the packed start positions of every node (see {@link
   * Positions}).
   */
  private static final class Converter {
    private final String source;

    /**
     * One instance of each mapping key per source: a bundle of a thousand Deployments repeats the
     * same few dozen keys, and callers such as the audit keep every tree until all are read.
     */
    private final Map<String, String> names;

    /** Anchored collections being converted: an alias to one of them would recurse forever. */
    private final Map<Node, Boolean> active = new IdentityHashMap<>();

    /** The positions of the collection {@link #convert} last returned; null after a scalar. */
    private Positions nested;

    Converter(String source, Map<String, String> names) {
      this.source = source;
      this.names = names;
    }

    Positions positionsOf(Node root) {
      return nested != null ? nested : new Positions(pack(root.getStartMark()), null, null, null);
    }

    JsonNode convert(Node node) throws YamlSyntaxException {
      if (node instanceof ScalarNode s) {
        nested = null;
        return scalar(s);
      }
      // Only an anchored node can be aliased, so only those can make the tree recursive.
      boolean anchored = node.getAnchor() != null;
      if (anchored && active.put(node, Boolean.TRUE) != null) {
        throw new YamlSyntaxException(location(source, node.getStartMark()), "recursive alias");
      }
      try {
        return switch (node) {
          case MappingNode m -> mapping(m);
          case SequenceNode s -> sequence(s);
          default ->
              throw new YamlSyntaxException(
                  location(source, node.getStartMark()), "unsupported YAML node");
        };
      } finally {
        if (anchored) {
          active.remove(node);
        }
      }
    }

    private ObjectNode mapping(MappingNode mapping) throws YamlSyntaxException {
      List<NodeTuple> tuples = mapping.getValue();
      int size = tuples.size();
      long[] values = new long[size];
      long[] keys = new long[size];
      Positions[] children = new Positions[size];
      ObjectNode object = new ObjectNode(JSON, LinkedHashMap.newLinkedHashMap(size));
      for (int i = 0; i < size; i++) {
        NodeTuple tuple = tuples.get(i);
        if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
          throw new YamlSyntaxException(
              location(source, tuple.getKeyNode().getStartMark()),
              "a mapping key must be a plain value");
        }
        String name = names.computeIfAbsent(key.getValue(), n -> n);
        if (object.has(name)) {
          throw new YamlSyntaxException(
              location(source, key.getStartMark()), "duplicate key '" + name + "'");
        }
        keys[i] = pack(key.getStartMark());
        values[i] = pack(tuple.getValueNode().getStartMark());
        object.set(name, convert(tuple.getValueNode()));
        children[i] = nested;
      }
      nested = new Positions(pack(mapping.getStartMark()), values, keys, children);
      return object;
    }

    private ArrayNode sequence(SequenceNode sequence) throws YamlSyntaxException {
      List<Node> items = sequence.getValue();
      int size = items.size();
      long[] values = new long[size];
      Positions[] children = new Positions[size];
      ArrayNode array = JSON.arrayNode(size);
      for (int i = 0; i < size; i++) {
        Node item = items.get(i);
        values[i] = pack(item.getStartMark());
        array.add(convert(item));
        children[i] = nested;
      }
      nested = new Positions(pack(sequence.getStartMark()), values, null, children);
      return array;
    }

    private static long pack(Mark mark) {
      return mark == null
          ? Positions.pack(1, 1)
          : Positions.pack(mark.getLine() + 1, mark.getColumn() + 1);
    }

    private JsonNode scalar(ScalarNode scalar) {
      return TreeBuilder.convert(scalar.getValue(), scalar.getTag());
    }
  }
}
