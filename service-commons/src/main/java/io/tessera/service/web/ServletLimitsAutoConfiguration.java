package io.tessera.service.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * In a Spring MVC service, the advice that answers a body cut off by the {@link
 * BodySizeLimitFilter} with 413. The filter itself is registered by each service, with its limit.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
public class ServletLimitsAutoConfiguration {

  @Bean
  BodyTooLargeAdvice bodyTooLargeAdvice() {
    return new BodyTooLargeAdvice();
  }
}
