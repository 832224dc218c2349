# One image per service: docker build --build-arg SERVICE=serving -t tessera/serving-service .
# Build the jars first (mvn -DskipTests package); the image only copies the runnable jar.
FROM eclipse-temurin:17-jre
ARG SERVICE
COPY ${SERVICE}-service/target/${SERVICE}-service-*-exec.jar /opt/tessera/service.jar
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+UseG1GC"
ENTRYPOINT ["java", "-jar", "/opt/tessera/service.jar"]
