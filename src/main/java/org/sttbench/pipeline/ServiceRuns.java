package org.sttbench.pipeline;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.sttbench.bench.Suite;
import org.sttbench.bench.UnitResult;
import org.sttbench.bench.WorkUnit;
import org.sttbench.plan.InvalidPlanException;
import org.sttbench.plan.Plan;
import org.sttbench.workers.ServiceClients;
import org.sttbench.workers.ServiceDefinition;
import org.sttbench.workers.ServiceUnitRunner;

/**
 * Where a plan with a {@code service:} block differs from one without: its latency, cpu_scaling and
 * threads units go to an instance of the service over HTTP rather than to a worker, and the plan is
 * checked for what would keep the service from starting before any work begins.
 */
final class ServiceRuns {
    static final String ATTACHMENT = "service";
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);

    private ServiceRuns() {
    }

    /** Units that measure the service when the plan names one (the audio suite stays with the engine). */
    static boolean measuresService(Plan plan, WorkUnit unit) {
        return plan.service() != null
                && (unit.suite() == Suite.CPU_SCALING || unit.suite() == Suite.THREADS || unit.suite() == Suite.LATENCY);
    }

    static ServiceClients clients(Plan plan) {
        return new ServiceClients(ServiceClients.dialect(plan.service() == null ? null : plan.service().api(),
                plan.language() == null ? "en" : plan.language()), REQUEST_TIMEOUT);
    }

    static UnitResult execute(RunContext run, WorkUnit unit, Consumer<String> progress) {
        Plan plan = run.request().plan();
        ServiceDefinition service = ServiceDefinition.of(plan);
        ServiceClients clients = clients(plan);
        Path clip = Path.of(unit.audio().get(0));
        WorkUnit measured = unit.cpuLimit() != null ? unit : withCpus(unit, run.executor().maxCpus());
        return new ServiceUnitRunner(service, clients, (cpus, threads) ->
                new WorkerFleets(run.executor(), run.runId(), unit.model(), service, clients, clip, cpus)
                        .create(cpus, threads), run.executor().name(), progress).run(measured);
    }

    /** The latency suite has no CPU count: the service gets what the executor can give. */
    private static WorkUnit withCpus(WorkUnit u, double cpus) {
        return new WorkUnit(u.runId(), u.unitId(), u.index(), u.total(), u.suite(), u.model(), u.audio(), u.language(),
                cpus, u.threads(), u.iterations(), u.warmup(), u.timeoutS());
    }

    /** Every problem that keeps the plan's service from running on its executor; throws with all of them. */
    static void check(Plan plan, String executor, Path source) {
        if (plan.service() == null) {
            return;
        }
        ServiceDefinition service = ServiceDefinition.of(plan.service());
        List<String> problems = new ArrayList<>(service.problems(executor));
        if (plan.suites().threads() != null && service.threadsSetting().isEmpty()) {
            problems.add("service: the threads suite sweeps the thread count, but neither args nor env use {threads}");
        }
        if (plan.suites().audio() != null) {
            problems.add("service: the audio suite measures sttbench's engine file by file; drop it, or run it in a plan"
                    + " without service:");
        }
        if (problems.isEmpty()) {
            try {
                clients(plan).checkEnvironment(System::getenv);
            } catch (RuntimeException e) {
                problems.add("service.api: " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidPlanException(source == null ? plan.name() : source.getFileName().toString(), problems);
        }
    }
}
