package org.sttbench.workers;


/** What the fleets share about starting instances of a service. */
final class ServiceInstances {
    private ServiceInstances() {
    }

    /** The thread count a replica gets by default: its CPU limit, rounded up. */
    static int threadsFor(double cpus) {
        return (int) Math.max(1, Math.ceil(cpus));
    }

    /** The service's health path; a service without one must be given a transcription probe. */
    static Readiness healthOf(ServiceDefinition service) {
        if (service.healthPath() == null) {
            throw new IllegalArgumentException("service " + service.name()
                    + " has no health path: pass a readiness probe that transcribes");
        }
        return new HealthCheck(service.healthPath(), service.healthStatus());
    }

    /** What "not ready" may mean for a service of the user's own: nothing listens where sttbench looks. */
    static String hint(ServiceDefinition service, String where) {
        if (service.embedded()) {
            return "";
        }
        return " (" + (service.healthPath() == null ? "no transcription succeeded" : "GET " + service.healthPath()
                + " never answered " + service.healthStatus()) + "; does it listen on " + where + "?)";
    }
}
