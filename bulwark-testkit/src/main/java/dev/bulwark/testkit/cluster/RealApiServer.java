package dev.bulwark.testkit.cluster;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against a real kube-apiserver (with etcd and kube-controller-manager), started
 * once per test JVM and shared by every class that carries this annotation. Test methods and
 * lifecycle methods may take a {@link io.fabric8.kubernetes.client.KubernetesClient} (cluster
 * admin), a {@link io.fabric8.kubernetes.client.Config} or a {@link
 * dev.bulwark.controlplane.ControlPlane} (for its kubeconfig file) parameter. Without the built
 * binaries the class is skipped with a message that says how to build them.
 *
 * <p>The cluster is shared: tests isolate themselves by names (their own namespaces and tenants).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("real-apiserver")
@ExtendWith(RealApiServerExtension.class)
public @interface RealApiServer {}
