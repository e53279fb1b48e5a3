package dev.bulwark.platform.charts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Secret a CloudNativePG cluster reads its object store's keys from exists in the cluster's
 * namespace: rendered as a Secret, or as the target of an ExternalSecret. Otherwise WAL archiving
 * and every scheduled backup fail (as Keycloak's did, whose credentials were only rendered in
 * tenant namespaces).
 */
class DanglingSecretsTest {

  static List<String> profiles() {
    return PlatformReleases.PROFILES;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("profiles")
  void everyBackupCredentialsSecretOfADatabaseIsRendered(String profile) {
    Set<String> secrets = new TreeSet<>();
    PlatformReleases.objects(profile, "Secret")
        .forEach(
            s ->
                secrets.add(
                    s.at("/metadata/namespace").asText() + "/" + s.at("/metadata/name").asText()));
    PlatformReleases.objects(profile, "ExternalSecret")
        .forEach(
            s ->
                secrets.add(
                    s.at("/metadata/namespace").asText()
                        + "/"
                        + s.at("/spec/target/name").asText(s.at("/metadata/name").asText())));
    List<String> missing = new ArrayList<>();
    for (JsonNode cluster : PlatformReleases.objects(profile, "Cluster")) {
      String namespace = cluster.at("/metadata/namespace").asText();
      JsonNode credentials = cluster.at("/spec/backup/barmanObjectStore/s3Credentials");
      for (JsonNode ref :
          List.of(credentials.path("accessKeyId"), credentials.path("secretAccessKey"))) {
        if (ref.has("name") && !secrets.contains(namespace + "/" + ref.path("name").asText())) {
          missing.add(
              "Cluster "
                  + namespace
                  + "/"
                  + cluster.at("/metadata/name").asText()
                  + " reads Secret "
                  + ref.path("name").asText());
        }
      }
    }
    assertThat(missing)
        .as("Secrets the databases of %s read that nothing renders", profile)
        .isEmpty();
  }
}
