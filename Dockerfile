# syntax=docker/dockerfile:1
# The ragops image: one image for every role (api, worker, embedder; RAGOPS_ROLE picks one).
#
#   docker build -t ghcr.io/ragops/ragops:0.1.0 .
#   docker run -p 8080:8080 -v ragops-data:/data ghcr.io/ragops/ragops:0.1.0
#
# GPU embedders: build with ONNX Runtime's CUDA build on a CUDA 12 + cuDNN 9 base image:
#   docker build --build-arg MAVEN_PROFILES=gpu \
#     --build-arg RUNTIME_IMAGE=nvidia/cuda:12.8.1-cudnn-runtime-ubuntu24.04 \
#     -t ghcr.io/ragops/ragops:0.1.0-gpu .

ARG RUNTIME_IMAGE=eclipse-temurin:25-jre

# ---- Node.js for the dashboard's build (server/ui: npm ci + vite build, run by Maven)
FROM node:22-bookworm-slim AS node

# ---- build: the Maven wrapper on a Temurin 25 JDK
FROM eclipse-temurin:25-jdk AS build
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY --from=node /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/npm
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
# module POMs first, so that the dependency layer is cached while sources change
COPY rag-model/pom.xml rag-model/
COPY rag-testkit/pom.xml rag-testkit/
COPY gpu-embedder/pom.xml gpu-embedder/
COPY ingestion/pom.xml ingestion/
COPY indexer/pom.xml indexer/
COPY retrieval-api/pom.xml retrieval-api/
COPY rag-eval/pom.xml rag-eval/
COPY server/pom.xml server/
COPY bench/pom.xml bench/
ARG MAVEN_PROFILES=""
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q dependency:go-offline -pl server -am ${MAVEN_PROFILES:+-P${MAVEN_PROFILES}} || true
COPY . .
RUN --mount=type=cache,target=/root/.m2 --mount=type=cache,target=/root/.npm \
    ./mvnw -B -q package -pl server -am -DskipTests -Dspotless.check.skip=true \
      ${MAVEN_PROFILES:+-P${MAVEN_PROFILES}} \
 && cp server/target/ragops.jar /ragops.jar

# ---- run: a Temurin 25 JRE (copied in, so that RUNTIME_IMAGE may be a CUDA base image)
FROM eclipse-temurin:25-jre AS jre
FROM ${RUNTIME_IMAGE}
COPY --from=jre /opt/java/openjdk /opt/java/openjdk
ENV JAVA_HOME=/opt/java/openjdk \
    PATH=/opt/java/openjdk/bin:$PATH \
    OPT_OUT_TRACKING=true \
    RAGOPS_DATA_DIR=/data \
    HOME=/tmp \
    JDK_JAVA_OPTIONS="-XX:MaxRAMPercentage=75"
RUN groupadd --system --gid 10001 ragops \
 && useradd --system --uid 10001 --gid 10001 --home-dir /tmp --shell /usr/sbin/nologin ragops \
 && mkdir -p /data && chown 10001:10001 /data
COPY --from=build /ragops.jar /app/ragops.jar
USER 10001:10001
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["java", "--add-modules", "jdk.incubator.vector", "-Dai.djl.offline=true", \
            "-jar", "/app/ragops.jar"]
