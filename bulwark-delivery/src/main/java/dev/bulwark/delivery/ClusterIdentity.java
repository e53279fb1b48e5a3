package dev.bulwark.delivery;

import io.fabric8.kubernetes.api.model.authentication.SelfSubjectReview;
import io.fabric8.kubernetes.api.model.authentication.UserInfo;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/**
 * Who the cluster says the caller is: a {@code SelfSubjectReview} (authentication.k8s.io/v1) made
 * with the caller's own credentials returns the user name and groups the API server authenticated,
 * which is what RBAC uses too. The caller cannot claim a group the cluster does not give them.
 */
public final class ClusterIdentity {

  private ClusterIdentity() {}

  public static Actor whoAmI(KubernetesClient client) {
    SelfSubjectReview review =
        client.authentication().v1().selfSubjectReviews().create(new SelfSubjectReview());
    UserInfo user = review.getStatus() == null ? null : review.getStatus().getUserInfo();
    if (user == null || user.getUsername() == null) {
      throw new IllegalStateException(
          "the API server returned no user for this kubeconfig's credentials");
    }
    return new Actor(user.getUsername(), user.getGroups() == null ? List.of() : user.getGroups());
  }
}
