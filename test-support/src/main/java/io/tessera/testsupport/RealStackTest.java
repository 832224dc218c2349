package io.tessera.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks an integration test that talks to the real Kafka, Cassandra, Kinesis-API and PostgreSQL
 * servers. Name such classes {@code *IT} so that Failsafe, not Surefire, runs them.
 */
@Target(ElementType.TYPE)
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Tag("integration")
@ExtendWith(RealStackExtension.class)
public @interface RealStackTest {}
