package org.sttbench.pipeline;

import java.io.PrintStream;
import java.time.Instant;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.PropertyInject;
import org.apache.camel.support.service.ServiceSupport;
import org.sttbench.audio.AudioDecoder;
import org.sttbench.exec.ForeignProcesses;
import org.sttbench.exec.InstanceLabel;
import org.sttbench.exec.docker.DockerClients;
import org.sttbench.exec.docker.OrphanContainers;
import org.sttbench.exec.kubernetes.KubernetesSettings;
import org.sttbench.exec.kubernetes.OrphanObjects;

/**
 * The inbox's beans and its start: the {@code inbox} route does not start with the context; once the
 * context runs (so seda:runs takes runs), the inbox lock is taken, what an earlier process left
 * unfinished is recovered ({@link RunRecovery}), and only then is the inbox read. Without the inbox
 * routes (bench, demo) none of this happens.
 */
public class InboxConfiguration implements CamelConfiguration {
    static final String ROUTE = "inbox";
    /** Runs left unfinished by a killed process: started again once (rerun) or recorded as interrupted (report). */
    static final String INTERRUPTED = "sttbench.inbox.interrupted";
    /** How many times a run interrupted by a crash is started again before it is recorded as interrupted. */
    static final int MAX_RERUNS = 1;

    private volatile CamelContext camelContext;

    @BindToRegistry(value = "journal", lazy = true)
    public RunJournal journal(@BeanInject("settings") Settings settings) {
        return new RunJournal(settings, PipelineBeans.console(camelContext));
    }

    @BindToRegistry(value = "inbox", lazy = true)
    public InboxService inbox(@BeanInject("settings") Settings settings, @BeanInject("preparer") PlanPreparer preparer,
                              @BeanInject("outcomes") RunOutcomes outcomes, @BeanInject("journal") RunJournal journal,
                              @PropertyInject(value = "sttbench.inbox.max-plan-bytes", defaultValue = "2097152") long maxPlan,
                              @PropertyInject(value = "sttbench.inbox.max-test-report-bytes", defaultValue = "16777216")
                              long maxReport) {
        return new InboxService(settings, preparer, new AudioDecoder(), outcomes, PipelineBeans.console(camelContext), journal,
                new InboxClassifier.Limits(maxPlan, maxReport));
    }

    /** The settings the inbox's start reads, injected like every other setting. */
    record InboxStartup(String dockerHost, String masterUrl, boolean service, RunRecovery.Mode interrupted) {
    }

    @BindToRegistry(value = "inboxStartup", lazy = true)
    public InboxStartup inboxStartup(
            @PropertyInject(value = "sttbench.docker.host", defaultValue = "") String dockerHost,
            @PropertyInject(value = "sttbench.kubernetes.master-url", defaultValue = "") String masterUrl,
            @PropertyInject(value = PipelineApp.SERVICE, defaultValue = "false") boolean service,
            @PropertyInject(value = INTERRUPTED, defaultValue = "rerun") String interrupted) {
        return new InboxStartup(DockerClients.resolveHost(dockerHost.trim()), masterUrl.trim(), service,
                RunRecovery.Mode.parse(interrupted.trim()));
    }

    /** Reports a failed move of an inbox file; made when the route is, so the move folders exist first. */
    @BindToRegistry(value = "inboxMoveFailures", lazy = true)
    public InboxMoveFailures inboxMoveFailures(@BeanInject("settings") Settings settings) {
        return new InboxMoveFailures(settings, PipelineBeans.console(camelContext)).createFolders();
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        this.camelContext = context;
        WhenStarted.register(context, c -> {
            if (c.getRoute(ROUTE) != null) {
                startInbox(c);
            }
        });
    }

    private static void startInbox(CamelContext c) throws Exception {
        var registry = c.getRegistry();
        Settings settings = registry.lookupByNameAndType("settings", Settings.class);
        PrintStream console = PipelineBeans.console(c);
        InboxStartup startup = registry.lookupByNameAndType("inboxStartup", InboxStartup.class);
        InboxLock inboxLock = InboxLock.acquire(settings.inbox(), console);
        c.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                inboxLock.close();
            }
        }, true, true);
        // containers of a killed earlier process of this inbox: found by their instance label, removed
        String instance = InstanceLabel.of(settings.inbox());
        InstanceLabel.set(instance);
        // only containers made before the lock was taken: this process's own come later
        Instant lockedAt = Instant.now();
        // service processes of a killed earlier process whose own watchdog was killed too
        for (String stopped : ForeignProcesses.stopLeftovers(instance, lockedAt)) {
            console.println("stopped " + stopped + ", left running by an earlier sttbench on this inbox");
        }
        Runnable cleanup = () -> {
            for (String removed : OrphanContainers.remove(startup.dockerHost(), instance, lockedAt)) {
                console.println("removed container " + removed + ", left running by an earlier sttbench on this inbox");
            }
            // Jobs and fleets of a killed run, on the cluster the kubernetes executor would use
            if (OrphanObjects.configured(startup.masterUrl())) {
                KubernetesSettings k8s = registry.lookupByNameAndType("kubernetesSettings", KubernetesSettings.class);
                for (String removed : OrphanObjects.remove(k8s, instance, lockedAt)) {
                    console.println("removed " + removed + ", left by an earlier sttbench on this inbox");
                }
            }
        };
        if (startup.service()) {
            // a service answers health checks and fires schedules at once; a slow engine must not hold that up
            Thread thread = new Thread(cleanup, "sttbench-orphan-containers");
            thread.setDaemon(true);
            thread.start();
        } else {
            cleanup.run();
        }
        RunRecovery recovery = new RunRecovery(settings, registry.lookupByNameAndType("journal", RunJournal.class),
                registry.lookupByNameAndType("preparer", PlanPreparer.class),
                registry.lookupByNameAndType("outcomes", RunOutcomes.class), console, startup.interrupted(), MAX_RERUNS);
        ProducerTemplate producer = c.createProducerTemplate();
        c.addService(producer, true, true);
        // queued, not awaited: the runs go one at a time through seda:runs like any other
        recovery.recover(request -> producer.sendBody("seda:runs", request));
        c.getRouteController().startRoute(ROUTE);
    }
}
