package dev.bulwark.spec.schema;

import static dev.bulwark.spec.schema.Json.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Known-bad values for every keyword, each with the error Kubernetes' semantics call for. */
class SchemaValidatorTest {

  private final SchemaValidator structural = SchemaValidator.structural();

  private List<SchemaError> errors(String schema, String value) {
    return structural.validate(yaml(schema), yaml(value));
  }

  /** The one error, rendered as "path: message". */
  private String only(String schema, String value) {
    List<SchemaError> errors = errors(schema, value);
    assertThat(errors).hasSize(1);
    return errors.get(0).toString();
  }

  @Nested
  class Types {
    @Test
    void eachTypeRejectsTheOthers() {
      assertThat(only("{type: string}", "5"))
          .isEqualTo(
              "(root): expected string, found integer 5 (quote the value to make it a string)");
      assertThat(only("{type: integer}", "'5'"))
          .isEqualTo("(root): expected integer, found string \"5\"");
      assertThat(only("{type: integer}", "1.5"))
          .isEqualTo("(root): expected integer, found number 1.5");
      assertThat(only("{type: number}", "true"))
          .isEqualTo("(root): expected number, found boolean true");
      assertThat(only("{type: boolean}", "'yes'"))
          .isEqualTo("(root): expected boolean, found string \"yes\"");
      assertThat(only("{type: object}", "[1]"))
          .isEqualTo("(root): expected object, found an array of 1 item");
      assertThat(only("{type: array}", "{a: 1}"))
          .isEqualTo("(root): expected array, found an object");
    }

    @Test
    void eachTypeAcceptsItsOwn() {
      assertThat(errors("{type: string}", "'x'")).isEmpty();
      assertThat(errors("{type: integer}", "7")).isEmpty();
      assertThat(errors("{type: integer}", "7.0"))
          .as("a whole float is an integer, as for the apiserver")
          .isEmpty();
      assertThat(errors("{type: number}", "7")).isEmpty();
      assertThat(errors("{type: number}", "7.5")).isEmpty();
      assertThat(errors("{type: boolean}", "false")).isEmpty();
      assertThat(errors("{type: array}", "[]")).isEmpty();
      assertThat(errors("{type: object}", "{}")).isEmpty();
    }

    @Test
    void nullNeedsNullable() {
      assertThat(only("{type: string}", "null")).isEqualTo("(root): expected string, found null");
      assertThat(errors("{type: string, nullable: true}", "null")).isEmpty();
    }

    @Test
    void intOrStringTakesBothButNothingElse() {
      String schema =
          "{x-kubernetes-int-or-string: true, anyOf: [{type: integer}, {type: string}]}";
      assertThat(errors(schema, "8080")).isEmpty();
      assertThat(errors(schema, "http")).isEmpty();
      assertThat(only(schema, "true"))
          .isEqualTo("(root): expected integer or string, found boolean true");
    }
  }

  @Nested
  class Objects {
    private static final String SCHEMA =
        """
        {type: object, required: [name], properties: {name: {type: string}, replicas: {type: integer},
         environments: {type: array, items: {type: object, properties: {name: {type: string}}}}}}""";

    @Test
    void unknownFieldSuggestsTheClosest() {
      List<SchemaError> errors = errors(SCHEMA, "{name: a, replcas: 2}");
      assertThat(errors)
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.keyword()).isEqualTo(SchemaError.UNKNOWN_FIELD);
                assertThat(e.pointer()).isEqualTo("/replcas");
                assertThat(e.fieldPath()).isEqualTo("replcas");
                assertThat(e.suggestion()).isEqualTo("replicas");
                assertThat(e.message())
                    .isEqualTo("unknown field `replcas`, did you mean `replicas`?");
              });
    }

    @Test
    void unknownFieldFarFromAnyNameListsTheKnownOnes() {
      assertThat(only(SCHEMA, "{name: a, colour: red}"))
          .isEqualTo(
              "colour: unknown field `colour`; expected one of environments, name, replicas");
    }

    @Test
    void unknownFieldDeepInsideAnArrayHasItsPath() {
      List<SchemaError> errors =
          errors(SCHEMA, "{name: a, environments: [{name: dev}, {nmae: prod}]}");
      assertThat(errors)
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.pointer()).isEqualTo("/environments/1/nmae");
                assertThat(e.fieldPath()).isEqualTo("environments[1].nmae");
                assertThat(e.suggestion()).isEqualTo("name");
              });
    }

    @Test
    void requiredFieldMissing() {
      List<SchemaError> errors = errors(SCHEMA, "{replicas: 1}");
      assertThat(errors)
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.keyword()).isEqualTo(SchemaError.REQUIRED);
                assertThat(e.pointer()).isEqualTo("/name");
                assertThat(e.message()).isEqualTo("required field is missing; expected string");
              });
    }

    @Test
    void objectWithoutPropertiesTakesNoFields() {
      assertThat(only("{type: object}", "{a: 1}"))
          .isEqualTo("a: unknown field `a`; expected no fields here");
    }

    @Test
    void preserveUnknownFieldsTakesAnyButStillChecksDeclaredOnes() {
      String schema =
          "{type: object, x-kubernetes-preserve-unknown-fields: true, properties: {n: {type: integer}}}";
      assertThat(errors(schema, "{anything: [1, 2], n: 3}")).isEmpty();
      assertThat(only(schema, "{anything: 1, n: x}"))
          .isEqualTo("n: expected integer, found string \"x\"");
    }

    @Test
    void additionalPropertiesSchemaChecksEveryValue() {
      String schema = "{type: object, additionalProperties: {type: string}}";
      assertThat(errors(schema, "{a: x, b: y}")).isEmpty();
      assertThat(only(schema, "{a: x, 'app.kubernetes.io/name': 3}"))
          .isEqualTo(
              "[\"app.kubernetes.io/name\"]: expected string, found integer 3 (quote the value to make it a string)");
    }

    @Test
    void additionalPropertiesBoolean() {
      assertThat(errors("{type: object, additionalProperties: true}", "{a: 1}")).isEmpty();
      assertThat(only("{type: object, properties: {b: {}}, additionalProperties: false}", "{a: 1}"))
          .startsWith("a: unknown field `a`");
    }

    @Test
    void minAndMaxProperties() {
      assertThat(
              only(
                  "{type: object, additionalProperties: {type: integer}, minProperties: 2}",
                  "{a: 1}"))
          .isEqualTo("(root): expected at least 2 fields, found 1 field");
      assertThat(
              only(
                  "{type: object, additionalProperties: {type: integer}, maxProperties: 1}",
                  "{a: 1, b: 2}"))
          .isEqualTo("(root): expected at most 1 field, found 2 fields");
    }

    @Test
    void embeddedResourceAllowsAndRequiresTypeMeta() {
      String schema =
          "{type: object, x-kubernetes-embedded-resource: true, properties: {spec: {type: object,"
              + " x-kubernetes-preserve-unknown-fields: true}}}";
      assertThat(errors(schema, "{apiVersion: v1, kind: ConfigMap, metadata: {name: x}, spec: {}}"))
          .isEmpty();
      List<SchemaError> errors = errors(schema, "{metadata: {name: x}}");
      assertThat(errors).extracting(SchemaError::fieldPath).containsExactly("apiVersion", "kind");
      assertThat(errors).extracting(SchemaError::keyword).containsOnly(SchemaError.REQUIRED);
    }

    @Test
    void resourceRootAllowsTypeMetaAndMetadataUndeclared() {
      JsonNode schema =
          yaml(
              "{type: object, properties: {spec: {type: object, properties: {a: {type: string}}}}}");
      assertThat(
              structural.validateResource(
                  schema, yaml("{apiVersion: x/v1, kind: X, metadata: {name: n}, spec: {a: b}}")))
          .isEmpty();
      assertThat(structural.validateResource(schema, yaml("{apiVersion: 1, kind: X, spec: {}}")))
          .extracting(SchemaError::toString)
          .containsExactly("apiVersion: expected string, found integer 1");
      JsonNode declared = yaml("{type: object, properties: {metadata: {type: object}}}");
      assertThat(
              structural.validateResource(
                  declared, yaml("{apiVersion: x/v1, kind: X, metadata: {name: n}}")))
          .as("root metadata is an ObjectMeta, whatever the CRD declares")
          .isEmpty();
      assertThat(structural.validate(schema, yaml("{kind: X}")))
          .as("outside a resource root, kind is just another unknown field")
          .hasSize(1);
    }
  }

  @Nested
  class Scalars {
    @Test
    void enumListsTheAllowedValues() {
      assertThat(only("{type: string, enum: [http, grpc, tcp]}", "udp"))
          .isEqualTo("(root): expected one of \"http\", \"grpc\", \"tcp\", found string \"udp\"");
      assertThat(errors("{type: integer, enum: [1, 2]}", "2.0"))
          .as("numbers compare by value")
          .isEmpty();
    }

    @Test
    void patternIsUnanchoredAndEndsAtTheVeryEnd() {
      assertThat(errors("{type: string, pattern: 'b'}", "abc"))
          .as("unanchored, like RE2's MatchString")
          .isEmpty();
      assertThat(only("{type: string, pattern: '^[a-z]+$'}", "'Abc'"))
          .isEqualTo("(root): expected a string matching ^[a-z]+$, found \"Abc\"");
      assertThat(errors("{type: string, pattern: '^[a-z]+$'}", "\"abc\\n\""))
          .as("RE2's $ does not match before a final newline")
          .hasSize(1);
    }

    @Test
    void lengthCountsCodePoints() {
      assertThat(errors("{type: string, maxLength: 2}", "'ÿ😀'")).isEmpty();
      assertThat(only("{type: string, maxLength: 2}", "abc"))
          .isEqualTo("(root): expected at most 2 characters, found 3 characters");
      assertThat(only("{type: string, minLength: 1}", "''"))
          .isEqualTo("(root): expected at least 1 characters, found 0 characters");
    }

    @Test
    void minimumAndMaximumInclusiveAndExclusive() {
      assertThat(only("{type: integer, minimum: 1}", "0"))
          .isEqualTo("(root): expected at least 1, found integer 0");
      assertThat(errors("{type: integer, minimum: 1}", "1")).isEmpty();
      assertThat(only("{type: integer, minimum: 1, exclusiveMinimum: true}", "1"))
          .isEqualTo("(root): expected more than 1, found integer 1");
      assertThat(only("{type: number, maximum: 65535.0}", "65536"))
          .isEqualTo("(root): expected at most 65535, found integer 65536");
      assertThat(only("{type: number, maximum: 1.5, exclusiveMaximum: true}", "1.5"))
          .isEqualTo("(root): expected less than 1.5, found number 1.5");
      assertThat(only("{type: integer, multipleOf: 5}", "12"))
          .isEqualTo("(root): expected a multiple of 5, found integer 12");
    }

    @Test
    void formatsKubernetesChecks() {
      assertThat(only("{type: string, format: date-time}", "'yesterday'"))
          .isEqualTo(
              "(root): expected an RFC 3339 date-time such as 2026-01-31T12:00:00Z, found string \"yesterday\"");
      assertThat(errors("{type: string, format: date-time}", "'2026-01-31T12:00:00Z'")).isEmpty();
      assertThat(errors("{type: string, format: date-time}", "'2026-01-31T12:00:00.5+01:00'"))
          .isEmpty();
      assertThat(only("{type: string, format: byte}", "'not base64!'")).contains("base64");
      assertThat(errors("{type: string, format: byte}", "'aGVsbG8='")).isEmpty();
      assertThat(only("{type: string, format: cidr}", "'10.0.0.0/33'")).contains("a CIDR");
      assertThat(only("{type: string, format: ipv4}", "'10.0.0.01'")).contains("an IPv4 address");
      assertThat(errors("{type: string, format: ipv6}", "'2001:db8::1'")).isEmpty();
      assertThat(only("{type: string, format: uuid}", "'123'")).contains("a UUID");
      assertThat(only("{type: integer, format: int32}", "2147483648"))
          .isEqualTo("(root): expected a 32-bit integer, found integer 2147483648");
      assertThat(errors("{type: string, format: password}", "'anything'"))
          .as("formats Kubernetes does not check")
          .isEmpty();
    }
  }

  @Nested
  class Arrays {
    @Test
    void minAndMaxItems() {
      assertThat(only("{type: array, items: {type: string}, minItems: 1}", "[]"))
          .isEqualTo("(root): expected at least 1 item, found an array of 0 items");
      assertThat(only("{type: array, items: {type: string}, maxItems: 1}", "[a, b]"))
          .isEqualTo("(root): expected at most 1 item, found an array of 2 items");
    }

    @Test
    void itemsAreCheckedWithTheirIndex() {
      assertThat(only("{type: array, items: {type: string}}", "[a, 2]"))
          .isEqualTo("[1]: expected string, found integer 2 (quote the value to make it a string)");
    }

    @Test
    void uniqueItemsAndListTypeSet() {
      assertThat(only("{type: array, items: {type: integer}, uniqueItems: true}", "[1, 2, 1.0]"))
          .isEqualTo("[2]: expected unique items, found a duplicate of [0]");
      assertThat(
              only(
                  "{type: array, items: {type: string}, x-kubernetes-list-type: set}", "[a, b, b]"))
          .isEqualTo("[2]: expected unique items, found a duplicate of [1]");
      assertThat(
              errors(
                  "{type: array, items: {type: string}, x-kubernetes-list-type: atomic}", "[a, a]"))
          .isEmpty();
    }

    @Test
    void listTypeMapKeysAreUnique() {
      String schema =
          "{type: array, x-kubernetes-list-type: map, x-kubernetes-list-map-keys: [name],"
              + " items: {type: object, properties: {name: {type: string}, port: {type: integer}}}}";
      assertThat(errors(schema, "[{name: a, port: 1}, {name: b, port: 1}]")).isEmpty();
      assertThat(only(schema, "[{name: a, port: 1}, {name: a, port: 2}]"))
          .isEqualTo("[1]: expected unique values of name, found a duplicate of [0]");
    }
  }

  @Nested
  class Junctors {
    private static final String ONE_OF_TWO =
        """
        {type: object, properties: {bucket: {type: string}, prefix: {type: string}},
         anyOf: [{required: [bucket]}, {required: [prefix]}]}""";

    @Test
    void anyOfNeedsOneBranch() {
      assertThat(errors(ONE_OF_TWO, "{bucket: b}")).isEmpty();
      assertThat(errors(ONE_OF_TWO, "{bucket: b, prefix: p}")).isEmpty();
      assertThat(only(ONE_OF_TWO, "{}"))
          .isEqualTo(
              "(root): expected at least one of these alternatives"
                  + " (1: bucket: required field is missing; 2: prefix: required field is missing), found an empty object");
    }

    @Test
    void oneOfNeedsExactlyOne() {
      String schema = ONE_OF_TWO.replace("anyOf", "oneOf");
      assertThat(errors(schema, "{prefix: p}")).isEmpty();
      assertThat(only(schema, "{bucket: b, prefix: p}"))
          .isEqualTo(
              "(root): expected exactly one of 2 alternatives to match, found an object matching 2");
    }

    @Test
    void allOfAppliesEveryBranch() {
      String schema = "{type: string, allOf: [{minLength: 2}, {pattern: '^a'}]}";
      assertThat(errors(schema, "ab")).isEmpty();
      assertThat(errors(schema, "b"))
          .extracting(SchemaError::keyword)
          .containsExactly("minLength", "pattern");
    }

    @Test
    void notRejectsWhatMatches() {
      assertThat(errors("{type: string, not: {enum: [root]}}", "admin")).isEmpty();
      assertThat(only("{type: string, not: {enum: [root]}}", "root"))
          .startsWith("(root): expected a value that does not match");
    }

    @Test
    void branchesDoNotJudgeWhichFieldsExist() {
      // A structural branch carries value validations only: its lack of "properties" is no verdict.
      String schema =
          "{type: object, properties: {a: {type: object, properties: {x: {type: string}}}},"
              + " allOf: [{properties: {a: {required: [x]}}}]}";
      assertThat(errors(schema, "{a: {x: y}}")).isEmpty();
      assertThat(errors(schema, "{a: {}}"))
          .extracting(SchemaError::fieldPath)
          .containsExactly("a.x");
    }
  }

  @Nested
  class Swagger {
    private final JsonNode document =
        yaml(
            """
        definitions:
          io.k8s.apimachinery.pkg.util.intstr.IntOrString: {type: string, format: int-or-string}
          io.k8s.apimachinery.pkg.api.resource.Quantity: {type: string}
          io.k8s.apimachinery.pkg.runtime.RawExtension: {type: object}
          test.Port:
            type: object
            required: [port]
            properties:
              port: {type: integer, format: int32}
              target: {$ref: '#/definitions/io.k8s.apimachinery.pkg.util.intstr.IntOrString'}
              limit: {$ref: '#/definitions/io.k8s.apimachinery.pkg.api.resource.Quantity'}
              raw: {$ref: '#/definitions/io.k8s.apimachinery.pkg.runtime.RawExtension'}
              next: {$ref: '#/definitions/test.Port'}
              broken: {$ref: '#/definitions/test.Missing'}
        """);
    private final SchemaValidator swagger = SchemaValidator.swagger(document);
    private final JsonNode port = yaml("{$ref: '#/definitions/test.Port'}");

    @Test
    void refsResolveAndUnknownFieldsAreErrors() {
      assertThat(swagger.validate(port, yaml("{port: 80, next: {port: 81, nxet: {}}}")))
          .extracting(SchemaError::toString)
          .containsExactly("next.nxet: unknown field `nxet`, did you mean `next`?");
    }

    @Test
    void intOrStringAcceptsIntegers() {
      assertThat(swagger.validate(port, yaml("{port: 80, target: 8080}"))).isEmpty();
      assertThat(swagger.validate(port, yaml("{port: 80, target: http}"))).isEmpty();
      assertThat(swagger.validate(port, yaml("{port: 80, target: [1]}")))
          .extracting(SchemaError::toString)
          .containsExactly("target: expected integer or string, found an array of 1 item");
    }

    @Test
    void quantityAcceptsNumbersAndQuantityStrings() {
      assertThat(swagger.validate(port, yaml("{port: 80, limit: 2}"))).isEmpty();
      assertThat(swagger.validate(port, yaml("{port: 80, limit: 0.5}"))).isEmpty();
      assertThat(swagger.validate(port, yaml("{port: 80, limit: 512Mi}"))).isEmpty();
      assertThat(swagger.validate(port, yaml("{port: 80, limit: 512MB}")))
          .extracting(SchemaError::toString)
          .containsExactly(
              "limit: expected a quantity such as 500m, 2 or 1.5Gi, found string \"512MB\"");
    }

    @Test
    void rawExtensionIsFreeForm() {
      assertThat(swagger.validate(port, yaml("{port: 80, raw: {anything: {goes: 1}}}"))).isEmpty();
    }

    @Test
    void nullIsTheZeroValue() {
      assertThat(swagger.validate(port, yaml("{port: 80, target: null}"))).isEmpty();
    }

    @Test
    void int32RangeAndRequired() {
      assertThat(swagger.validate(port, yaml("{target: 1}")))
          .extracting(SchemaError::toString)
          .containsExactly("port: required field is missing; expected integer");
      assertThat(swagger.validate(port, yaml("{port: 4294967296}")))
          .extracting(SchemaError::keyword)
          .containsExactly("format");
    }

    @Test
    void danglingRefIsReported() {
      assertThat(swagger.validate(port, yaml("{port: 1, broken: {}}")))
          .extracting(SchemaError::toString)
          .containsExactly(
              "broken: expected a schema at #/definitions/test.Missing, found no such definition");
    }
  }
}
