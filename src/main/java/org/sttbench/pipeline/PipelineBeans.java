package org.sttbench.pipeline;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.sttbench.exec.LocalProcessExecutor;
import org.sttbench.exec.docker.DockerClients;
import org.sttbench.exec.docker.DockerExecutor;
import org.sttbench.exec.docker.DockerSettings;
import org.sttbench.exec.image.AppFiles;
import org.sttbench.exec.image.WorkerImageBuilder;
import org.sttbench.exec.kubernetes.KubernetesExecutor;
import org.sttbench.exec.kubernetes.KubernetesSettings;
import org.sttbench.exec.kubernetes.NodePool;
import org.sttbench.models.ModelStore;
import org.sttbench.report.Reports;

/**
 * The beans the routes call, built from application.properties. They are lazy so that each is made on
 * first lookup, after the ones it depends on, whatever order reflection lists the methods in.
 */
public class PipelineBeans implements CamelConfiguration {
    /** The bean messages for the user go to, when bound; tests bind their own to read what a user would see. */
    public static final String CONSOLE = "console";

    private volatile CamelContext camelContext;

    /** The bound console, else standard output (looked up when a bean is made, so a redirected System.out is followed). */
    static PrintStream console(CamelContext context) {
        PrintStream bound = context.getRegistry().lookupByNameAndType(CONSOLE, PrintStream.class);
        return bound != null ? bound : System.out;
    }

    private PrintStream console() {
        return console(camelContext);
    }

    @BindToRegistry(value = "settings", lazy = true)
    public Settings settings(@PropertyInject("sttbench.home") String home,
                             @PropertyInject("sttbench.inbox") String inbox,
                             @PropertyInject("sttbench.outbox") String outbox,
                             @PropertyInject(value = "sttbench.audio.roots", defaultValue = "") String roots,
                             @PropertyInject("sttbench.default.model") String defaultModel,
                             @PropertyInject(value = "sttbench.verbose", defaultValue = "false") boolean verbose,
                             @PropertyInject(value = "sttbench.inbox.require-speech", defaultValue = "true") boolean speech) {
        List<Path> audioRoots = Arrays.stream(roots.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> Path.of(s).toAbsolutePath().normalize()).toList();
        return new Settings(Path.of(home).toAbsolutePath().normalize(), Path.of(inbox).toAbsolutePath().normalize(),
                Path.of(outbox).toAbsolutePath().normalize(), audioRoots, defaultModel, verbose, speech);
    }

    @BindToRegistry(value = "outcomes", lazy = true)
    public RunOutcomes outcomes() {
        return new RunOutcomes();
    }

    @BindToRegistry(value = "progress", lazy = true)
    public RunProgress progress(@BeanInject("settings") Settings settings) {
        return new RunProgress(console(), settings.verbose());
    }

    /**
     * The docker executor's settings (application.properties documents each key and holds its default).
     * Lazy, and looked up only when the docker executor is first used, so runs that never use it never
     * resolve these keys.
     */
    @BindToRegistry(value = "dockerSettings", lazy = true)
    public DockerSettings dockerSettings(@BeanInject("settings") Settings settings,
                                         @PropertyInject(value = "sttbench.docker.host", defaultValue = "") String host,
                                         @PropertyInject("sttbench.docker.image") String image,
                                         @PropertyInject(value = "sttbench.docker.image-tag", defaultValue = "") String imageTag,
                                         @PropertyInject("sttbench.docker.memory-mb") long memoryMb,
                                         @PropertyInject(value = "sttbench.docker.cgroup-parent", defaultValue = "") String cgroupParent,
                                         @PropertyInject("sttbench.docker.user") String user,
                                         @PropertyInject("sttbench.docker.network") String network) {
        return new DockerSettings(DockerClients.resolveHost(host.trim()), workerImage(settings, image.trim(), imageTag.trim()),
                memoryMb * 1024 * 1024, cgroupParent.isBlank() ? null : cgroupParent.trim(), user.trim(), network.trim());
    }

    /** The kubernetes executor's settings, made like {@link #dockerSettings} when that executor is first used. */
    @BindToRegistry(value = "kubernetesSettings", lazy = true)
    public KubernetesSettings kubernetesSettings(@BeanInject("settings") Settings settings,
            @PropertyInject(value = "sttbench.kubernetes.master-url", defaultValue = "") String masterUrl,
            @PropertyInject(value = "sttbench.kubernetes.token-file", defaultValue = "") String tokenFile,
            @PropertyInject(value = "sttbench.kubernetes.namespace", defaultValue = "") String namespace,
            @PropertyInject(value = "sttbench.kubernetes.service-account", defaultValue = "") String serviceAccount,
            @PropertyInject(value = "sttbench.kubernetes.image", defaultValue = "") String image,
            @PropertyInject("sttbench.kubernetes.pull-policy") String pullPolicy,
            @PropertyInject("sttbench.kubernetes.memory") String memory,
            @PropertyInject(value = "sttbench.kubernetes.active-deadline-s", defaultValue = "") String deadline,
            @PropertyInject("sttbench.kubernetes.ttl-s") int ttlSeconds,
            @PropertyInject("sttbench.kubernetes.backoff-limit") int backoffLimit,
            @PropertyInject("sttbench.kubernetes.models-path") String modelsPath,
            @PropertyInject(value = "sttbench.kubernetes.models-claim", defaultValue = "") String modelsClaim,
            @PropertyInject("sttbench.kubernetes.audio-path") String audioPath,
            @PropertyInject(value = "sttbench.kubernetes.audio-claim", defaultValue = "") String audioClaim,
            @PropertyInject("sttbench.kubernetes.max-cpus") double maxCpus,
            @PropertyInject(value = "sttbench.kubernetes.node-selector", defaultValue = "") String nodeSelector,
            @PropertyInject(value = "sttbench.kubernetes.tolerations", defaultValue = "") String tolerations,
            @PropertyInject(value = "sttbench.kubernetes.priority-class", defaultValue = "") String priorityClass,
            @PropertyInject("sttbench.kubernetes.schedule-timeout-s") int scheduleTimeoutS) {
        String pinned = image.trim();
        return new KubernetesSettings(masterUrl.trim(), tokenFile.trim(), namespace.trim(), serviceAccount.trim(),
                pinned.isEmpty() ? workerImage(settings, WorkerImageBuilder.DEFAULT_REPOSITORY, "") : () -> pinned,
                pullPolicy.trim(), memory.trim(), deadline.isBlank() ? null : Integer.valueOf(deadline.trim()),
                ttlSeconds, backoffLimit, modelsPath.trim(), modelsClaim.trim(), audioPath.trim(), audioClaim.trim(),
                maxCpus, 120, NodePool.parse(nodeSelector.trim(), tolerations.trim(), priorityClass.trim()),
                scheduleTimeoutS);
    }

    /** The configured image, or the one `./sttbench image build` makes of this installation (hashed on first use). */
    private static Supplier<String> workerImage(Settings settings, String repository, String tag) {
        if (!tag.isBlank()) {
            return () -> repository + ":" + tag;
        }
        return () -> new WorkerImageBuilder(AppFiles.current(settings.home()), line -> { }).reference(repository);
    }

    @Override
    public void configure(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @BindToRegistry(value = "executors", lazy = true)
    public ExecutorRegistry executors(@BeanInject("progress") RunProgress progress) {
        // each executor is made on first use, so a run that never uses docker never reads its keys
        return new ExecutorRegistry()
                .register("local", () -> new LocalProcessExecutor(progress::workerLine))
                .register("docker", () -> new DockerExecutor(
                        camelContext.getRegistry().lookupByNameAndType("dockerSettings", DockerSettings.class),
                        progress::workerLine))
                .register("kubernetes", () -> new KubernetesExecutor(
                        camelContext.getRegistry().lookupByNameAndType("kubernetesSettings", KubernetesSettings.class),
                        camelContext, progress::workerLine));
    }

    @BindToRegistry(value = "preparer", lazy = true)
    public PlanPreparer preparer(@BeanInject("settings") Settings settings, @BeanInject("executors") ExecutorRegistry executors) {
        ModelStore store = ModelStore.fromEnvironment();
        return new PlanPreparer(settings, store::resolve, executors);
    }

    @BindToRegistry(value = "runs", lazy = true)
    public RunCoordinator runs(@BeanInject("settings") Settings settings, @BeanInject("preparer") PlanPreparer preparer, @BeanInject("executors") ExecutorRegistry executors, @BeanInject("progress") RunProgress progress,
                               @BeanInject("outcomes") RunOutcomes outcomes) {
        return new RunCoordinator(settings, preparer, executors, new Reports(settings.templates()), progress, outcomes,
                console());
    }

    /** What a schedule does when it fires; the schedules themselves are set at start by {@link OpsConfiguration}. */
    @BindToRegistry(value = "schedules", lazy = true)
    public ScheduleService schedules(@BeanInject("settings") Settings settings, @BeanInject("preparer") PlanPreparer preparer,
                                     @BeanInject("journal") RunJournal journal) {
        return new ScheduleService(settings, preparer,
                new ScheduleState(settings.inbox().resolve(".state").resolve(ScheduleState.FILE)), console(),
                Clock.systemUTC(), List.of(), journal);
    }

    @BindToRegistry(value = "delivery", lazy = true)
    public Delivery delivery(@BeanInject("settings") Settings settings) {
        return new Delivery(settings);
    }
}
