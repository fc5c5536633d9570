package org.sttbench.workers;

import org.sttbench.exec.kubernetes.RbacMockCluster;

/** Lets tests of other packages check a fleet's teardown the way {@link KubernetesWorkerFleetTest} does. */
public final class KubernetesWorkerFleetTestAccess {
    private KubernetesWorkerFleetTestAccess() {
    }

    public static void assertNothingLeft(RbacMockCluster cluster) throws InterruptedException {
        KubernetesWorkerFleetTest.assertNothingLeft(cluster);
    }
}
