package io.tessera.registry.web;

import io.tessera.registry.RegistryProperties;
import io.tessera.registry.auth.ApiKeyFilter;
import io.tessera.registry.auth.ApiKeys;
import io.tessera.service.web.BodySizeLimitFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The request filters, in order: authentication first (an unauthenticated client learns nothing,
 * not even that its body is too large), then the body-size limit.
 */
@Configuration(proxyBeanMethods = false)
class FilterConfiguration {

  @Bean
  FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(RegistryProperties properties) {
    var registration =
        new FilterRegistrationBean<>(
            new ApiKeyFilter(
                ApiKeys.parse(properties.auth().apiKeys()), properties.auth().protectReads()));
    registration.addUrlPatterns("/api/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  @Bean
  FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(RegistryProperties properties) {
    var registration =
        new FilterRegistrationBean<>(new BodySizeLimitFilter(properties.maxBodySize().toBytes()));
    registration.addUrlPatterns("/api/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return registration;
  }
}
