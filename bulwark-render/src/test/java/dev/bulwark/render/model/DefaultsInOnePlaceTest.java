package dev.bulwark.render.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.bulwark.api.v1alpha1.Platform;
import dev.bulwark.api.v1alpha1.PlatformSpec;
import dev.bulwark.api.v1alpha1.TenantSpec;
import dev.bulwark.render.TestSpecs;
import io.fabric8.generator.annotation.Default;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each default of the spec is written once: the field initialisers of the spec types are the
 * source; the CRD's declared defaults ({@code @Default}), the resolved model and the quota
 * descriptions must agree with them, or this test names the field that drifted.
 */
class DefaultsInOnePlaceTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern DESCRIBED_DEFAULT = Pattern.compile("Default ([^ ]+)\\.$");

  private static List<Class<?>> specTypes() {
    List<Class<?>> types = new ArrayList<>();
    for (Class<?> type : List.of(PlatformSpec.class, TenantSpec.class)) {
      types.add(type);
      types.addAll(List.of(type.getDeclaredClasses()));
    }
    return types.stream().filter(t -> !t.isEnum() && !t.isInterface()).toList();
  }

  @Test
  void everyDeclaredCrdDefaultIsTheFieldsInitialValue() throws Exception {
    int checked = 0;
    for (Class<?> type : specTypes()) {
      Object fresh = type.getDeclaredConstructor().newInstance();
      for (Field field : type.getDeclaredFields()) {
        Default declared = field.getAnnotation(Default.class);
        if (declared == null) {
          continue;
        }
        field.setAccessible(true);
        Object parsed = YAML.readValue(declared.value(), field.getType());
        assertThat(field.get(fresh))
            .as("%s.%s: @Default(%s)", type.getSimpleName(), field.getName(), declared.value())
            .isEqualTo(parsed);
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(5);
  }

  @Test
  void theModelFillsWhatTheSpecLeavesOutWithTheSpecsDefaults() {
    Platform platform = TestSpecs.platform("example.com");
    PlatformSpec spec = platform.getSpec();
    spec.setNamespace(null);
    spec.setGatewayNamespace(null);
    spec.setMonitoringNamespace(null);
    spec.setPolicy(null);
    spec.setIdentity(null);

    PlatformModel model = PlatformModel.from(platform);

    PlatformSpec defaults = new PlatformSpec();
    assertThat(model.namespace()).isEqualTo(defaults.getNamespace()).isEqualTo("bulwark-system");
    assertThat(model.gatewayNamespace()).isEqualTo(defaults.getGatewayNamespace());
    assertThat(model.monitoringNamespace()).isEqualTo(defaults.getMonitoringNamespace());
    assertThat(model.policyLevel()).isEqualTo(new PlatformSpec.PolicySpec().getLevel());
    assertThat(model.adminGroup()).isEqualTo(new PlatformSpec.IdentitySpec().getAdminGroup());
    assertThat(model.groupPrefix()).isEqualTo(new PlatformSpec.IdentitySpec().getGroupPrefix());
  }

  @Test
  void theQuotaDescriptionsStateTheModelsDefaults() throws Exception {
    Map<String, Object> model = new TreeMap<>();
    for (RecordComponent component : QuotaModel.class.getRecordComponents()) {
      model.put(component.getName(), component.getAccessor().invoke(QuotaModel.DEFAULT));
    }
    Map<String, Object> described = new TreeMap<>();
    Stream.of(TenantSpec.QuotaSpec.class.getDeclaredFields())
        .filter(f -> f.isAnnotationPresent(JsonPropertyDescription.class))
        .forEach(
            f -> {
              Matcher m =
                  DESCRIBED_DEFAULT.matcher(f.getAnnotation(JsonPropertyDescription.class).value());
              assertThat(m.find())
                  .as("the description of quota.%s states its default", f.getName())
                  .isTrue();
              described.put(
                  f.getName(),
                  f.getType() == Integer.class ? Integer.valueOf(m.group(1)) : m.group(1));
            });
    assertThat(described).isEqualTo(model);
  }
}
