package org.councilchat.chat;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The scheduler for STOMP heartbeats, which is how the server notices a resident's phone losing signal.
 * Its own configuration, because the broker configuration needs it fully initialised.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class ChatHeartbeats {

    @Bean
    ThreadPoolTaskScheduler chatHeartbeatScheduler() {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(1);
        scheduler.setThreadNamePrefix("stomp-heartbeat-");
        return scheduler;
    }
}
