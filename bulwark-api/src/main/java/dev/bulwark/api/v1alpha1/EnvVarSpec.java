package dev.bulwark.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * An environment variable of the application's container: a plain value, or a key of one of the
 * application's secrets. The secret's value never appears in the spec or in a rendered object, only
 * the reference to it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.value) != has(self.fromSecret)",
    message = "an environment variable has either value or fromSecret")
public class EnvVarSpec {

  @Required
  @Pattern("^[A-Za-z_][A-Za-z0-9_]*$")
  @JsonPropertyDescription("Name of the variable, for example LOG_LEVEL.")
  private String name;

  @JsonPropertyDescription("A plain value. Never a credential: use fromSecret for those.")
  private String value;

  @JsonPropertyDescription("A key of one of the application's spec.secrets.")
  private SecretKeySpec fromSecret;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getValue() {
    return value;
  }

  public void setValue(String value) {
    this.value = value;
  }

  public SecretKeySpec getFromSecret() {
    return fromSecret;
  }

  public void setFromSecret(SecretKeySpec fromSecret) {
    this.fromSecret = fromSecret;
  }

  /** A key of a Secret the application declares. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class SecretKeySpec {
    @Required
    @JsonPropertyDescription("Name of the secret, as in spec.secrets[].name.")
    private String name;

    @Required
    @Pattern("^[-._a-zA-Z0-9]+$")
    @JsonPropertyDescription("Key within the secret.")
    private String key;

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public String getKey() {
      return key;
    }

    public void setKey(String key) {
      this.key = key;
    }
  }
}
