# One image per service: docker build --build-arg SERVICE=serving -t tessera/serving-service .
# Build the jars first (mvn -DskipTests package); the image only copies the runnable jar.
FROM eclipse-temurin:17-jre
ARG SERVICE
# A service never needs root: a compromised process must not own the container's files.
RUN groupadd --system --gid 10001 tessera \
    && useradd --system --uid 10001 --gid tessera --home-dir /opt/tessera --no-create-home tessera \
    && mkdir -p /opt/tessera /var/lib/tessera \
    && chown tessera:tessera /var/lib/tessera
COPY --chown=root:root ${SERVICE}-service/target/${SERVICE}-service-*-exec.jar /opt/tessera/service.jar
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+UseG1GC"
USER 10001:10001
WORKDIR /var/lib/tessera
ENTRYPOINT ["java", "-jar", "/opt/tessera/service.jar"]
