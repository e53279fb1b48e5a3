package dev.bulwark.spec;

import dev.bulwark.spec.schema.FieldPath;
import dev.bulwark.spec.schema.SchemaError;
import dev.bulwark.yaml.Location;
import dev.bulwark.yaml.YamlDocument;
import java.util.ArrayList;
import java.util.List;

/** Collects the errors of one load, placing each at the line a person would look at. */
final class Problems {

  private final List<SpecError> errors = new ArrayList<>();

  /** An error about the value at {@code at}. */
  void at(YamlDocument doc, FieldPath at, String message) {
    errors.add(new SpecError(doc.locate(at.pointer()), at.display(), message));
  }

  /** An error about the field at {@code at} as a whole: points at its key. */
  void atKey(YamlDocument doc, FieldPath at, String message) {
    errors.add(new SpecError(doc.locateKey(at.pointer()), at.display(), message));
  }

  void add(SpecError error) {
    errors.add(error);
  }

  /** A schema error, at the key of an unknown field or of the parent of a missing one. */
  void schema(YamlDocument doc, SchemaError error) {
    String pointer = error.pointer();
    Location location =
        switch (error.keyword()) {
          case SchemaError.UNKNOWN_FIELD, MetadataRules.KEY -> doc.locateKey(pointer);
          case SchemaError.REQUIRED ->
              doc.locateKey(pointer.substring(0, Math.max(0, pointer.lastIndexOf('/'))));
          default -> doc.locate(pointer);
        };
    errors.add(new SpecError(location, error.fieldPath(), error.message()));
  }

  int size() {
    return errors.size();
  }

  boolean isEmpty() {
    return errors.isEmpty();
  }

  List<SpecError> list() {
    return List.copyOf(errors);
  }
}
