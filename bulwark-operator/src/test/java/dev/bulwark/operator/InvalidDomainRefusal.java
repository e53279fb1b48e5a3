package dev.bulwark.operator;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.spec.SpecCheck;
import java.util.List;

/**
 * A {@link SpecCheck} for the operator's tests, in place of the platform stack's checks, which live
 * in a module the operator does not depend on: it refuses a Platform whose domain is under the
 * reserved top-level domain {@code .invalid} (RFC 2606), which the CRD's schema accepts. Nothing
 * else in the tests uses that domain.
 */
public final class InvalidDomainRefusal implements SpecCheck {

  static final String MESSAGE = "a domain under .invalid never resolves (RFC 2606)";

  @Override
  public List<Finding> check(BulwarkSpec spec) {
    String domain = spec.platform().getSpec().getDomain();
    if (domain == null || !domain.endsWith(".invalid")) {
      return List.of();
    }
    return List.of(
        new Finding("Platform", spec.platform().getMetadata().getName(), "spec.domain", MESSAGE));
  }
}
