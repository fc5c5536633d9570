package org.sttbench.exec.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.time.Duration;
import org.sttbench.OneLine;
import org.sttbench.exec.ExecutorUnavailableException;

/** Opens docker-java clients on a Docker Engine address (unix:///var/run/docker.sock, tcp://host:2375). */
public final class DockerClients {
    public static final String DEFAULT_HOST = "unix:///var/run/docker.sock";
    private DockerClients() {
    }

    /** The engine a user means: the configured host, else DOCKER_HOST, else the local socket. */
    public static String resolveHost(String configured) {
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        String env = System.getenv("DOCKER_HOST");
        return env == null || env.isBlank() ? DEFAULT_HOST : env.trim();
    }

    /**
     * A client with a short connect timeout, so a missing engine is reported at once, and no response
     * timeout, because waiting for a container and following its log last as long as the unit. The
     * httpclient5 transport, not Jersey's: after a killed container's log and wait streams were closed,
     * Jersey's pool handed the next request a connection the engine no longer answered on.
     */
    public static DockerClient open(String host) {
        try {
            DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                    .withDockerHost(host)
                    .build();
            ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                    .dockerHost(config.getDockerHost())
                    .sslConfig(config.getSSLConfig())
                    .connectionTimeout(Duration.ofSeconds(5))
                    // each running unit holds two streaming connections (its log and its wait) while
                    // kill, inspect and remove need more: a small pool would block them until units end
                    .maxConnections(200)
                    .build();
            return DockerClientImpl.getInstance(config, http);
        } catch (RuntimeException e) {
            throw new ExecutorUnavailableException(unreachable(host, e));
        }
    }

    /** One line for a user whose engine does not answer. */
    public static String unreachable(String host, Throwable cause) {
        return "Docker engine not reachable at " + host + ": " + rootMessage(cause)
                + "; start it or set sttbench.docker.host";
    }

    /** The first line of the innermost cause's message. */
    public static String rootMessage(Throwable t) {
        return OneLine.ofRootCause(t);
    }
}
