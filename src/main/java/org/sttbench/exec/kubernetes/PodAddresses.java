package org.sttbench.exec.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * The base URL the load generator uses for one Ready replica pod of the workers suite. The default is
 * the pod's IP, {@code http://<podIP>:<port>}: each replica is loaded directly (round-robin over the
 * pods, instead of one Service address that balances per connection), which works only from inside the
 * cluster, where pod IPs are routable.
 */
@FunctionalInterface
public interface PodAddresses {
    PodAddresses POD_IP = (pod, port) -> "http://" + pod.getStatus().getPodIP() + ":" + port;

    String url(Pod pod, int port);
}
