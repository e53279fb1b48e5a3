package dev.bulwark.delivery;

import java.time.Instant;

/**
 * Who a promotion commit is for and the trailers that record it: the mode, who asked and when, and
 * for an approval who approved, as which owner group, and when. {@code git log} and {@code git
 * interpret-trailers} read them back without Bulwark.
 */
record Trailers(Actor author, String text) {

  static Trailers release(Actor requester) {
    return new Trailers(
        requester, "Bulwark-Mode: release\nRequested-by: " + requester.name() + "\n");
  }

  static Trailers auto(Actor requester) {
    return new Trailers(requester, "Bulwark-Mode: auto\nRequested-by: " + requester.name() + "\n");
  }

  static Trailers requested(Actor requester, Instant at) {
    return new Trailers(
        requester,
        "Bulwark-Mode: manual\n"
            + PendingRequest.REQUESTED_BY
            + ": "
            + requester.name()
            + "\n"
            + PendingRequest.REQUESTED_AT
            + ": "
            + at
            + "\n");
  }

  static Trailers approved(PendingRequest request, Actor approver, String asGroup, Instant at) {
    return new Trailers(
        approver,
        "Bulwark-Mode: manual\n"
            + PendingRequest.REQUESTED_BY
            + ": "
            + request.requestedBy()
            + "\n"
            + PendingRequest.REQUESTED_AT
            + ": "
            + request.requestedAt()
            + "\nApproved-by: "
            + approver.name()
            + "\nApproved-as: "
            + asGroup
            + "\nApproved-at: "
            + at
            + "\n");
  }
}
