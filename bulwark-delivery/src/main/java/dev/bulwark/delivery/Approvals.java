package dev.bulwark.delivery;

/**
 * Who may approve a manual promotion: a member of one of the tenant's owner groups, compared as its
 * owner RoleBindings bind them (with the platform's OIDC groups prefix, see {@link
 * DeliveryTarget#of(dev.bulwark.api.v1alpha1.Application, dev.bulwark.api.v1alpha1.Tenant, String,
 * String)}). The groups are the ones the cluster authenticated the approver with ({@link
 * ClusterIdentity}), never ones the approver states.
 */
final class Approvals {

  private Approvals() {}

  /** The owner group through which {@code approver} may approve, or a refusal naming the groups. */
  static String requireOwner(DeliveryTarget target, String environment, Actor approver) {
    return target.owners().stream()
        .filter(approver.groups()::contains)
        .findFirst()
        .orElseThrow(
            () ->
                new PromotionRefused(
                    approver.name()
                        + " may not approve the promotion of "
                        + target.qualifiedName()
                        + " to "
                        + environment
                        + ": an approval needs a member of the tenant's owner groups ("
                        + String.join(", ", target.owners())
                        + "), and "
                        + approver.name()
                        + " is in "
                        + (approver.groups().isEmpty()
                            ? "no groups"
                            : String.join(", ", approver.groups()))));
  }
}
