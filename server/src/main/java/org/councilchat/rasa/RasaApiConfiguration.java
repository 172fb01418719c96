package org.councilchat.rasa;

import org.councilchat.engine.RasaProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/** Decides at start-up who may use the Rasa-compatible API, says so in the log, and puts its limits in front of it. */
@Configuration(proxyBeanMethods = false)
class RasaApiConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RasaApiConfiguration.class);

    @Bean
    RasaAccess rasaAccess(RasaProperties properties, Environment environment) {
        RasaAccess access = RasaAccess.of(properties.server(), environment.acceptsProfiles(Profiles.of("demo")));
        log.info(access.explanation(properties.server().basePath()));
        return access;
    }

    @Bean
    FilterRegistrationBean<RasaRequests> rasaRequests(RasaAccess access, RasaProperties properties) {
        FilterRegistrationBean<RasaRequests> registration = new FilterRegistrationBean<>(new RasaRequests(access));
        String basePath = properties.server().basePath();
        registration.addUrlPatterns(basePath, basePath + "/*");
        // Before anything reads the body (and before sign-in filters, which the API does not use).
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
