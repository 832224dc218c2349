package io.tessera.registry.featureservice;

import io.tessera.definitions.service.FeatureService;
import io.tessera.registry.definition.DefinitionRegistry;
import io.tessera.registry.definition.VersionListener;
import io.tessera.registry.publish.DefinitionPublisher;
import io.tessera.registry.store.DefinitionStore;
import io.tessera.registry.web.DefinitionEndpoints;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The versioning core, set up for feature services validated against the stored views. */
@Configuration(proxyBeanMethods = false)
class FeatureServiceConfiguration {

  @Bean
  DefinitionRegistry<FeatureService> featureServiceRegistry(
      DefinitionStore store, DefinitionPublisher publisher) {
    return new DefinitionRegistry<>(
        new FeatureServiceType(new StoreRegisteredViews(store)),
        store,
        publisher,
        VersionListener.NONE,
        Clock.systemUTC());
  }

  @Bean
  DefinitionEndpoints<FeatureService> featureServiceEndpoints(
      DefinitionRegistry<FeatureService> registry) {
    return new DefinitionEndpoints<>(registry, FeatureServiceController.PATH);
  }
}
