package dev.bulwark.testkit.cluster;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Runs a test class against the {@link RealApiServer} control plane with one real node added:
 * containerd, kubelet, kube-proxy, kube-scheduler and CoreDNS, so that pods really run. The node
 * starts once per test JVM (after the control plane) and stops before it; across JVMs a host lock
 * lets one node run at a time. Test methods may also take a {@link dev.bulwark.controlplane.Node}
 * (for the references of the locally built images). Without containerd, root or the built binaries
 * and images, the class fails under {@code CI=true} and is skipped loudly elsewhere.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("real-node")
@RealApiServer
@ResourceLock("bulwark-node")
@ExtendWith(RealNodeExtension.class)
public @interface RealNode {}
