package dev.bulwark.scorecard.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.scorecard.Evidence;
import dev.bulwark.scorecard.Line;
import dev.bulwark.scorecard.Scorecard;

/** The scorecard as JSON; its schema is published as {@code docs/schemas/scorecard.schema.json}. */
public final class ScorecardJson {

  /** The value of the {@code schema} field: which shape of the document this is. */
  public static final String SCHEMA = "bulwark.dev/scorecard/v1alpha1";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ScorecardJson() {}

  public static ObjectNode tree(Scorecard card) {
    ObjectNode root = JSON.createObjectNode();
    root.put("schema", SCHEMA);
    root.put("source", card.source().label());
    root.put("tenant", card.tenant());
    root.put("overall", card.overall());
    ArrayNode categories = root.putArray("categories");
    card.scoreByCategory()
        .forEach(
            (category, score) ->
                categories
                    .addObject()
                    .put("id", category.id())
                    .put("title", category.title())
                    .put("score", score));
    ObjectNode counts = root.putObject("counts");
    card.countByStatus().forEach((status, count) -> counts.put(status.label(), count));
    ArrayNode lines = root.putArray("lines");
    for (Line line : card.lines()) {
      ObjectNode l = lines.addObject();
      l.put("essential", line.essential().id());
      l.put("title", line.essential().title());
      l.put("category", line.essential().category().id());
      l.put("status", line.status().label());
      ArrayNode evidence = l.putArray("evidence");
      for (Evidence e : line.evidence()) {
        evidence.addObject().put("object", e.object()).put("fact", e.fact()).put("ok", e.ok());
      }
      l.put("nextStep", line.nextStep());
    }
    return root;
  }

  public static String write(Scorecard card) {
    try {
      return JSON.writeValueAsString(tree(card)) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a scorecard tree always serialises", e);
    }
  }
}
