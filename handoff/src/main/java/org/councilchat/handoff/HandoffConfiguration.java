package org.councilchat.handoff;

import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Registers the handoff module's settings and the cluster's task lock; its services are found by component
 * scanning.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({HandoffProperties.class, PhotoProperties.class})
class HandoffConfiguration {

    /**
     * Runs scheduled work that must happen on one server at a time however many share the database (the
     * orphaned-chats sweep, the retention purge), through ShedLock's {@code shedlock} table. The database's clock
     * decides when a lock expires, so servers whose clocks disagree still agree on it.
     */
    @Bean
    LockingTaskExecutor onceInTheCluster(DataSource dataSource) {
        return new DefaultLockingTaskExecutor(
                new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                        .withJdbcTemplate(new JdbcTemplate(dataSource))
                        .usingDbTime()
                        .build()));
    }
}
