package dev.bulwark.testkit.identity;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against a real Keycloak ({@link Keycloak}), started once per test JVM on first
 * use and stopped when the JVM's tests end. Test and lifecycle methods may take a {@link Keycloak}
 * parameter. Without the distribution zip the class fails under {@code CI=true} and is skipped
 * loudly elsewhere.
 *
 * <p>Keycloak is shared: a test owns the realms it imports and replaces them whole.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("real-keycloak")
@ExtendWith(KeycloakExtension.class)
public @interface RealKeycloak {}
