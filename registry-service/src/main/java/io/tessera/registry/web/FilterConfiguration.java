package io.tessera.registry.web;

import io.tessera.registry.RegistryProperties;
import io.tessera.service.web.BodySizeLimitFilter;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The body-size limit, after Spring Security's filter chain (authentication and authorization, see
 * {@code io.tessera.service.security}): an unauthenticated client learns nothing, not even that its
 * body is too large.
 */
@Configuration(proxyBeanMethods = false)
class FilterConfiguration {

  @Bean
  FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(RegistryProperties properties) {
    var registration =
        new FilterRegistrationBean<>(new BodySizeLimitFilter(properties.maxBodySize().toBytes()));
    registration.addUrlPatterns("/api/*");
    registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 10);
    return registration;
  }
}
