package org.sttbench.cli;

import com.github.dockerjava.api.DockerClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sttbench.BadInputException;
import org.sttbench.FileTrees;
import org.sttbench.exec.ExecutorUnavailableException;
import org.sttbench.exec.docker.DockerClients;
import org.sttbench.exec.image.AppFiles;
import org.sttbench.exec.image.WorkerImageBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The worker image the docker and kubernetes executors run, built locally from this installation. */
@Command(name = "image", mixinStandardHelpOptions = true,
        description = "Build the worker image locally (no registry, no network).",
        subcommands = {ImageCommand.Build.class, ImageCommand.Tag.class})
public final class ImageCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.BAD_INPUT;
    }

    @Command(name = "build", mixinStandardHelpOptions = true,
            description = "jlink a JRE, add the host libraries it needs and this application, and load the image into Docker.")
    static final class Build implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--repository", defaultValue = WorkerImageBuilder.DEFAULT_REPOSITORY,
                description = "image repository name (default: ${DEFAULT-VALUE})")
        String repository;

        @Option(names = "--tag", description = "image tag (default: the version and a hash of the content)")
        String tag;

        @Option(names = "--docker-host", description = "Docker engine (default: sttbench.docker.host, DOCKER_HOST or the local socket)")
        String dockerHost;

        @Option(names = "--force", description = "rebuild even when the engine already has the tag")
        boolean force;

        @Option(names = "--archive", paramLabel = "FILE",
                description = "write a 'docker load' archive to FILE instead of loading it (no engine needed)")
        Path archive;

        @Override
        public Integer call() throws Exception {
            if ("latest".equals(tag)) {
                throw new BadInputException("--tag latest is refused: a moving tag makes results unrepeatable; pick a version");
            }
            var err = spec.commandLine().getErr();
            var out = spec.commandLine().getOut();
            WorkerImageBuilder builder = new WorkerImageBuilder(AppFiles.current(Home.dir()), line -> err.println("image: " + line));
            String reference = repository + ":" + (tag == null ? builder.tag() : tag);
            if (archive != null) {
                Path work = Files.createTempDirectory("sttbench-image-");
                try {
                    builder.writeImageArchive(work, archive, reference);
                } finally {
                    FileTrees.deleteQuietly(work);
                }
                out.println(reference + " written to " + archive + " (" + Files.size(archive) / (1024 * 1024)
                        + " MiB); load it with: docker load -i " + archive);
                return ExitCode.OK;
            }
            String host = DockerClients.resolveHost(dockerHost == null ? System.getProperty("sttbench.docker.host") : dockerHost);
            try (DockerClient docker = DockerClients.open(host)) {
                try {
                    docker.pingCmd().exec();
                } catch (RuntimeException e) {
                    throw new ExecutorUnavailableException(DockerClients.unreachable(host, e));
                }
                WorkerImageBuilder.BuiltImage image = builder.build(docker, repository, tag, force);
                out.printf("%s %s (%d MiB, %.1f s)%n", image.reference(), image.reused() ? "is up to date" : "built",
                        image.sizeBytes() / (1024 * 1024), image.took().toMillis() / 1000.0);
                return ExitCode.OK;
            }
        }
    }

    @Command(name = "tag", mixinStandardHelpOptions = true, description = "Print the tag a build of this installation gets.")
    static final class Tag implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getOut().println(new WorkerImageBuilder(AppFiles.current(Home.dir()), line -> { }).tag());
            return ExitCode.OK;
        }
    }
}
