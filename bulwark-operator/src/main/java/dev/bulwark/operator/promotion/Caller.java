package dev.bulwark.operator.promotion;

import dev.bulwark.delivery.Actor;
import dev.bulwark.render.Names;
import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributesBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Optional;

/**
 * Who calls the endpoint and whether they may promote, as the API server decides: the bearer token
 * is checked with a {@code TokenReview}, the right with a {@code SubjectAccessReview} for {@code
 * create} on the virtual subresource {@code applications/promote} of group {@code bulwark.dev}, the
 * application as resource name, in the tenant's CI namespace (where the promoter's Role is). No
 * credential store of its own: {@code kubectl auth can-i create applications/promote --subresource
 * ... } answers the same.
 */
final class Caller {

  static final String GROUP = "bulwark.dev";
  static final String RESOURCE = "applications";
  static final String SUBRESOURCE = "promote";
  static final String VERB = "create";

  private final KubernetesClient client;

  Caller(KubernetesClient client) {
    this.client = client;
  }

  /** The user the token belongs to, if the API server accepts it. */
  Optional<Actor> authenticate(String token) {
    TokenReview review =
        client
            .authentication()
            .v1()
            .tokenReviews()
            .create(new TokenReviewBuilder().withNewSpec().withToken(token).endSpec().build());
    var status = review.getStatus();
    if (status == null
        || !Boolean.TRUE.equals(status.getAuthenticated())
        || status.getUser() == null) {
      return Optional.empty();
    }
    List<String> groups = status.getUser().getGroups();
    return Optional.of(
        new Actor(status.getUser().getUsername(), groups == null ? List.of() : groups));
  }

  /** Whether {@code actor} may promote application {@code app} of {@code tenant}. */
  boolean mayPromote(Actor actor, String tenant, String app) {
    SubjectAccessReview review =
        new SubjectAccessReviewBuilder()
            .withNewSpec()
            .withUser(actor.name())
            .withGroups(actor.groups())
            .withResourceAttributes(
                new ResourceAttributesBuilder()
                    .withVerb(VERB)
                    .withGroup(GROUP)
                    .withResource(RESOURCE)
                    .withSubresource(SUBRESOURCE)
                    .withName(app)
                    .withNamespace(ciNamespace(tenant))
                    .build())
            .endSpec()
            .build();
    SubjectAccessReview answer = client.authorization().v1().subjectAccessReview().create(review);
    return answer.getStatus() != null && Boolean.TRUE.equals(answer.getStatus().getAllowed());
  }

  /** The tenant's CI namespace, {@code <tenant>-ci}, as the platform's CI capability names it. */
  static String ciNamespace(String tenant) {
    return Names.ciNamespace(tenant);
  }
}
