package dev.bulwark.operator.apply;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When a server-side apply would change nothing, and when it would. */
class LiveMatchTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String DESIRED =
      """
      {"apiVersion":"v1","kind":"Service","metadata":{"name":"shop","namespace":"a","labels":{"x":"1"}},
       "spec":{"ports":[{"name":"http","port":80,"targetPort":"http"}],"selector":{"app":"shop"}}}""";

  /**
   * What the API server returns after our apply: defaults, another manager's label and a cluster IP
   * added.
   */
  private static final String LIVE =
      """
      {"apiVersion":"v1","kind":"Service","metadata":{"name":"shop","namespace":"a","uid":"u1","labels":{"x":"1","team":"y"}},
       "spec":{"clusterIP":"10.0.0.7","ports":[{"name":"http","port":80,"protocol":"TCP","targetPort":"http"}],
               "selector":{"app":"shop"},"type":"ClusterIP"}}""";

  private static final String OWNED =
      """
      {"f:metadata":{"f:labels":{"f:x":{}}},
       "f:spec":{"f:ports":{"k:{\\"port\\":80,\\"protocol\\":\\"TCP\\"}":{".":{},"f:name":{},"f:port":{},"f:targetPort":{}}},
                 "f:selector":{}}}""";

  @Test
  void defaultsAndOtherManagersFieldsAreNoReasonToApply() throws Exception {
    assertThat(LiveMatch.upToDate(json(DESIRED), json(LIVE), owned(OWNED), "bulwark")).isTrue();
  }

  @Test
  void aChangedValueIsDrift() throws Exception {
    String drifted = LIVE.replace("\"port\":80,\"protocol\"", "\"port\":81,\"protocol\"");
    assertThat(LiveMatch.upToDate(json(DESIRED), json(drifted), owned(OWNED), "bulwark")).isFalse();
  }

  @Test
  void aRemovedLabelIsDrift() throws Exception {
    String drifted = LIVE.replace("\"x\":\"1\",", "");
    assertThat(LiveMatch.upToDate(json(DESIRED), json(drifted), owned(OWNED), "bulwark")).isFalse();
  }

  @Test
  void aFieldWeOwnButNoLongerWantMustBeAppliedAway() throws Exception {
    String fewer = DESIRED.replace("\"labels\":{\"x\":\"1\"}", "\"labels\":{}");
    assertThat(LiveMatch.upToDate(json(fewer), json(LIVE), owned(OWNED), "bulwark")).isFalse();
  }

  @Test
  void anObjectWeNeverAppliedIsApplied() throws Exception {
    assertThat(LiveMatch.upToDate(json(DESIRED), json(LIVE), List.of(), "bulwark")).isFalse();
    assertThat(LiveMatch.upToDate(json(DESIRED), json(LIVE), owned(OWNED), "someone-else"))
        .isFalse();
  }

  @Test
  void quantitiesCompareByValueAndExtraListElementsOfOthersAreAllowed() throws Exception {
    assertThat(LiveMatch.contains(json("{\"cpu\":\"1\"}"), json("{\"cpu\":\"1000m\"}"))).isTrue();
    assertThat(LiveMatch.contains(json("{\"cpu\":\"2\"}"), json("{\"cpu\":\"1000m\"}"))).isFalse();
    assertThat(
            LiveMatch.contains(
                json("[{\"a\":1},{\"b\":2},{\"c\":3}]"), json("[{\"a\":1},{\"c\":3}]")))
        .isTrue();
    assertThat(LiveMatch.contains(json("[{\"a\":1},{\"b\":2}]"), json("[{\"b\":2},{\"a\":1}]")))
        .as("order matters")
        .isFalse();
  }

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  @SuppressWarnings("unchecked")
  private static List<ManagedFieldsEntry> owned(String fields) throws Exception {
    FieldsV1 set = new FieldsV1();
    JSON.readValue(fields, Map.class).forEach((k, v) -> set.setAdditionalProperty((String) k, v));
    return List.of(
        new ManagedFieldsEntryBuilder()
            .withManager("bulwark")
            .withOperation("Apply")
            .withFieldsV1(set)
            .build());
  }
}
