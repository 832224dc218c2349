package io.tessera.registry.view;

import io.tessera.definitions.view.FeatureView;
import io.tessera.registry.definition.DefinitionRegistry;
import io.tessera.registry.publish.DefinitionPublisher;
import io.tessera.registry.store.DefinitionStore;
import io.tessera.registry.web.DefinitionEndpoints;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The versioning core, set up for feature views. */
@Configuration(proxyBeanMethods = false)
class FeatureViewConfiguration {

  @Bean
  DefinitionRegistry<FeatureView> featureViewRegistry(
      DefinitionStore store, DefinitionPublisher publisher) {
    return new DefinitionRegistry<>(new FeatureViewType(), store, publisher, Clock.systemUTC());
  }

  @Bean
  DefinitionEndpoints<FeatureView> featureViewEndpoints(DefinitionRegistry<FeatureView> registry) {
    return new DefinitionEndpoints<>(registry, FeatureViewController.PATH);
  }
}
