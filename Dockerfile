# The sttbench worker image for those who have a registry and a base image to pull.
# `./sttbench image build` makes an equivalent image without either (see docs/executors.md).
#   docker build -t registry.example.com/sttbench-worker:0.1.0 .
#   docker push registry.example.com/sttbench-worker:0.1.0
# then set sttbench.kubernetes.image (or sttbench.docker.image / image-tag) to it.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
COPY plans plans
RUN mvn -B -q -DskipTests package

FROM eclipse-temurin:17-jre
RUN groupadd --gid 10001 sttbench && useradd --uid 10001 --gid 10001 --home-dir /tmp --no-create-home sttbench
WORKDIR /app
COPY --from=build /src/target/lib/ /app/lib/
COPY --from=build /src/target/sttbench.jar /app/lib/sttbench.jar
COPY routes /app/routes
COPY templates /app/templates
COPY plans /app/plans
# the bundled clips, where a Kubernetes worker looks for audio when no audio claim is set
COPY test_audio/*.wav test_audio/*.mp3 test_audio/*.flac test_audio/*.ogg test_audio/*.m4a test_audio/*.opus test_audio/*.txt /audio/
# jave unpacks its ffmpeg binary into the temp folder: /tmp must stay writable for compressed audio
ENV LANG=C.UTF-8 HOME=/tmp
USER 10001:10001
WORKDIR /tmp
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=60", "-Dfile.encoding=UTF-8", "-Dsun.stdout.encoding=UTF-8", \
            "-Dsun.stderr.encoding=UTF-8", "-Dsttbench.home=/app", "-cp", "/app/lib/*", "org.sttbench.cli.Main"]
CMD ["worker"]
