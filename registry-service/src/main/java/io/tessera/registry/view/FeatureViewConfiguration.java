package io.tessera.registry.view;

import io.tessera.definitions.validation.KinesisEndpoints;
import io.tessera.definitions.view.FeatureView;
import io.tessera.registry.backfill.BackfillLauncher;
import io.tessera.registry.definition.DefinitionRegistry;
import io.tessera.registry.publish.DefinitionPublisher;
import io.tessera.registry.store.DefinitionStore;
import io.tessera.registry.web.DefinitionEndpoints;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The versioning core, set up for feature views. */
@Configuration(proxyBeanMethods = false)
class FeatureViewConfiguration {

  /** A new version whose tiles need computing has its backfill started once the topic has it. */
  @Bean
  DefinitionRegistry<FeatureView> featureViewRegistry(
      DefinitionStore store,
      DefinitionPublisher publisher,
      BackfillLauncher backfills,
      Environment environment) {
    return new DefinitionRegistry<>(
        new FeatureViewType(kinesisEndpoints(environment)),
        store,
        publisher,
        backfills::versionPublished,
        Clock.systemUTC());
  }

  /**
   * The Kinesis endpoints a view may name, as ingest allows them: {@code
   * tessera.kinesis.allowed-endpoints} and the platform's default {@code tessera.kinesis.endpoint}.
   */
  private static KinesisEndpoints kinesisEndpoints(Environment environment) {
    Binder binder = Binder.get(environment);
    List<String> allowed =
        new ArrayList<>(
            binder
                .bind("tessera.kinesis.allowed-endpoints", Bindable.listOf(String.class))
                .orElse(List.of()));
    allowed.add(binder.bind("tessera.kinesis.endpoint", String.class).orElse(""));
    return KinesisEndpoints.allowing(allowed);
  }

  @Bean
  DefinitionEndpoints<FeatureView> featureViewEndpoints(DefinitionRegistry<FeatureView> registry) {
    return new DefinitionEndpoints<>(registry, FeatureViewController.PATH);
  }
}
