package org.sttbench.pipeline;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.sttbench.audio.AudioDecoder;
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
    /** Where console messages go when set; tests set it to read what a user would see. */
    static volatile PrintStream console;

    private volatile CamelContext camelContext;

    static PrintStream console() {
        // looked up when the beans are made, so a caller that redirected System.out is followed
        return console != null ? console : System.out;
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

    /** Read when the docker executor is first used, so runs that never use it never touch these keys. */
    DockerSettings dockerSettings(Settings settings) {
        return new DockerSettings(DockerClients.resolveHost(property("sttbench.docker.host", "")),
                workerImage(settings, property("sttbench.docker.image", WorkerImageBuilder.DEFAULT_REPOSITORY),
                        property("sttbench.docker.image-tag", "")),
                Long.parseLong(property("sttbench.docker.memory-mb", "2048")) * 1024 * 1024,
                property("sttbench.docker.cgroup-parent", "").isBlank() ? null : property("sttbench.docker.cgroup-parent", ""),
                property("sttbench.docker.user", "auto"), property("sttbench.docker.network", "none"));
    }

    KubernetesSettings kubernetesSettings(Settings settings) {
        String image = property("sttbench.kubernetes.image", "");
        String deadline = property("sttbench.kubernetes.active-deadline-s", "");
        return new KubernetesSettings(property("sttbench.kubernetes.master-url", ""),
                property("sttbench.kubernetes.token-file", ""),
                property("sttbench.kubernetes.namespace", ""),
                property("sttbench.kubernetes.service-account", ""),
                image.isBlank() ? workerImage(settings, WorkerImageBuilder.DEFAULT_REPOSITORY, "") : () -> image,
                property("sttbench.kubernetes.pull-policy", "IfNotPresent"),
                property("sttbench.kubernetes.memory", "2Gi"),
                deadline.isBlank() ? null : Integer.valueOf(deadline),
                Integer.parseInt(property("sttbench.kubernetes.ttl-s", "600")),
                Integer.parseInt(property("sttbench.kubernetes.backoff-limit", "0")),
                property("sttbench.kubernetes.models-path", "/models"),
                property("sttbench.kubernetes.models-claim", ""),
                property("sttbench.kubernetes.audio-path", "/audio"),
                property("sttbench.kubernetes.audio-claim", ""),
                Double.parseDouble(property("sttbench.kubernetes.max-cpus", "8")), 120,
                NodePool.parse(property("sttbench.kubernetes.node-selector", ""),
                        property("sttbench.kubernetes.tolerations", ""),
                        property("sttbench.kubernetes.priority-class", "")),
                Integer.parseInt(property("sttbench.kubernetes.schedule-timeout-s", "600")));
    }

    private String property(String key, String defaultValue) {
        return camelContext.getPropertiesComponent().resolveProperty(key).map(String::trim).orElse(defaultValue);
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
    public ExecutorRegistry executors(@BeanInject("progress") RunProgress progress, @BeanInject("settings") Settings settings) {
        // each executor is made on first use, so a run that never uses docker never reads its keys
        return new ExecutorRegistry()
                .register("local", () -> new LocalProcessExecutor(progress::workerLine))
                .register("docker", () -> new DockerExecutor(dockerSettings(settings), progress::workerLine))
                .register("kubernetes", () -> new KubernetesExecutor(kubernetesSettings(settings), camelContext,
                        progress::workerLine));
    }

    @BindToRegistry(value = "preparer", lazy = true)
    public PlanPreparer preparer(@BeanInject("settings") Settings settings, @BeanInject("executors") ExecutorRegistry executors) {
        ModelStore store = ModelStore.fromEnvironment();
        return new PlanPreparer(settings, store::resolve, executors);
    }

    @BindToRegistry(value = "inbox", lazy = true)
    public InboxService inbox(@BeanInject("settings") Settings settings, @BeanInject("preparer") PlanPreparer preparer, @BeanInject("outcomes") RunOutcomes outcomes) {
        return new InboxService(settings, preparer, new AudioDecoder(), outcomes, console());
    }

    @BindToRegistry(value = "runs", lazy = true)
    public RunCoordinator runs(@BeanInject("settings") Settings settings, @BeanInject("preparer") PlanPreparer preparer, @BeanInject("executors") ExecutorRegistry executors, @BeanInject("progress") RunProgress progress,
                               @BeanInject("outcomes") RunOutcomes outcomes) {
        return new RunCoordinator(settings, preparer, executors, new Reports(settings.templates()), progress, outcomes,
                console());
    }

    /** What a schedule does when it fires; the schedules themselves are set at start by {@link OpsConfiguration}. */
    @BindToRegistry(value = "schedules", lazy = true)
    public ScheduleService schedules(@BeanInject("settings") Settings settings, @BeanInject("preparer") PlanPreparer preparer) {
        return new ScheduleService(settings, preparer,
                new ScheduleState(settings.inbox().resolve(".state").resolve(ScheduleState.FILE)), console(),
                java.time.Clock.systemUTC(), List.of());
    }

    @BindToRegistry(value = "delivery", lazy = true)
    public Delivery delivery(@BeanInject("settings") Settings settings) {
        return new Delivery(settings);
    }

    /** Reports a failed move of an inbox file; made when the routes are, so the move folders exist first. */
    @BindToRegistry(value = "inboxMoveFailures", lazy = true)
    public InboxMoveFailures inboxMoveFailures(@BeanInject("settings") Settings settings) {
        return new InboxMoveFailures(settings, console()).createFolders();
    }
}
