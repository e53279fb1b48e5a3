package dev.bulwark.gate.read;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reading one JSON input, with errors that name the file and, for syntax, the line. */
final class JsonFiles {

  static final ObjectMapper JSON = new ObjectMapper();

  private JsonFiles() {}

  static JsonNode read(Path file) throws InputException {
    try (var in = java.nio.file.Files.newInputStream(file)) {
      JsonNode node = JSON.readTree(in);
      if (node == null || node.isMissingNode() || !node.isObject()) {
        throw new InputException(file.toString(), "expected a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
      throw new InputException(
          file.toString(), where + "not valid JSON: " + e.getOriginalMessage());
    } catch (NoSuchFileException e) {
      throw new InputException(file.toString(), "no such file");
    } catch (IOException e) {
      throw new InputException(file.toString(), "cannot read: " + e.getMessage());
    }
  }

  /** The text at {@code pointer}, or empty. */
  static String text(JsonNode node, String pointer) {
    JsonNode value = node.at(pointer);
    return value instanceof MissingNode || value.isNull() ? "" : value.asText();
  }

  /** The text at {@code pointer}; an error naming the field if it is missing or empty. */
  static String required(JsonNode node, String pointer, Path file) throws InputException {
    String value = text(node, pointer);
    if (value.isBlank()) {
      throw new InputException(file.toString(), "missing field " + pointer);
    }
    return value;
  }
}
