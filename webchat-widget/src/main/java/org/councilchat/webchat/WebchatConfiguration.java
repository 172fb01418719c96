package org.councilchat.webchat;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Registers the web chat's settings; its controllers are found by component scanning. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebchatProperties.class)
class WebchatConfiguration {}
