package dev.bulwark.console;

import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributesBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether the API server lets a logged-in person do something, asked with a SubjectAccessReview
 * under the console's identity for the user and groups the console would impersonate. The API
 * server's own authorizer decides every answer; this class only remembers an answer for {@link
 * #TTL}, so that a page does not cost a review per namespace per request (ADR 0032, addendum). A
 * revoked RoleBinding therefore takes effect in the console at most {@code TTL} later.
 */
final class Access {

  /** How long an answer is remembered: short, so that RBAC changes show within seconds. */
  static final Duration TTL = Duration.ofSeconds(5);

  /** Above this many remembered answers, the expired ones are dropped. */
  private static final int PURGE_ABOVE = 10_000;

  /** One question: may this user with these groups do {@code verb} on the resource there. */
  record Question(
      String user,
      List<String> groups,
      String verb,
      String group,
      String resource,
      String namespace) {}

  private record Answer(boolean allowed, Instant expires) {}

  private final KubernetesClient service;
  private final String usernamePrefix;
  private final String groupPrefix;
  private final Clock clock;
  private final Map<Question, Answer> answers = new ConcurrentHashMap<>();

  Access(KubernetesClient service, String usernamePrefix, String groupPrefix, Clock clock) {
    this.service = service;
    this.usernamePrefix = usernamePrefix;
    this.groupPrefix = groupPrefix;
    this.clock = clock;
  }

  /** Whether {@code session}'s person may {@code verb} the resource in {@code namespace}. */
  boolean may(Session session, String verb, String group, String resource, String namespace) {
    Question question = question(session, verb, group, resource, namespace);
    Instant now = clock.instant();
    Answer known = answers.get(question);
    if (known != null && known.expires().isAfter(now)) {
      return known.allowed();
    }
    boolean allowed = review(question);
    if (answers.size() > PURGE_ABOVE) {
      answers.values().removeIf(a -> !a.expires().isAfter(now));
    }
    answers.put(question, new Answer(allowed, now.plus(TTL)));
    return allowed;
  }

  /**
   * The names the API server would see when the console impersonates the session: prefixed as its
   * OIDC authenticator prefixes them, plus system:authenticated, which impersonation adds too.
   */
  Question question(Session session, String verb, String group, String resource, String ns) {
    List<String> groups = new ArrayList<>();
    session.groups().forEach(g -> groups.add(groupPrefix + g));
    groups.add("system:authenticated");
    return new Question(
        usernamePrefix + session.user(), List.copyOf(groups), verb, group, resource, ns);
  }

  private boolean review(Question q) {
    SubjectAccessReview review =
        new SubjectAccessReviewBuilder()
            .withNewSpec()
            .withUser(q.user())
            .withGroups(q.groups())
            .withResourceAttributes(
                new ResourceAttributesBuilder()
                    .withVerb(q.verb())
                    .withGroup(q.group())
                    .withResource(q.resource())
                    .withNamespace(q.namespace())
                    .build())
            .endSpec()
            .build();
    SubjectAccessReview answer = service.authorization().v1().subjectAccessReview().create(review);
    return answer.getStatus() != null && Boolean.TRUE.equals(answer.getStatus().getAllowed());
  }
}
