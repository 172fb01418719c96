package org.councilchat.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.councilchat.handoff.AgentPresence;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What every full-application test shares: the demo council, a fixed "now" (Monday 23 November 2026,
 * 09:00 in London) so bin dates are known, and a database of its own. The database is a fresh in-memory
 * H2 by default; with {@code -Dcouncil-chat.test.database=postgres} it is a fresh schema on the local
 * PostgreSQL server, which is how CI proves the migrations and queries on a production database.
 */
public final class TestCouncil {

    public static final Instant MONDAY_23_NOVEMBER_9AM = Instant.parse("2026-11-23T09:00:00Z");

    private TestCouncil() {}

    /**
     * A fresh database and index, with residents queued for an adviser even before one signs in, so a test can
     * ask for a person and then connect its agent.
     */
    public static void configure(DynamicPropertyRegistry registry) {
        configure(registry, true);
    }

    /** As {@link #configure(DynamicPropertyRegistry)}; {@code false} keeps the default: no adviser online, no queue. */
    public static void configure(DynamicPropertyRegistry registry, boolean queueWhenNobodyOnline) {
        registry.add("council-chat.engine.contact-centre.queue-when-nobody-online", () -> queueWhenNobodyOnline);
        String name = "cc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        if ("postgres".equals(System.getProperty("council-chat.test.database"))) {
            String url = System.getProperty("council-chat.test.postgres-url", "jdbc:postgresql://127.0.0.1:5432/test");
            registry.add("spring.datasource.url", () -> url + "?currentSchema=" + name);
            registry.add(
                    "spring.datasource.username",
                    () -> System.getProperty("council-chat.test.postgres-user", "postgres"));
            registry.add("spring.datasource.password", () -> "");
            registry.add("spring.flyway.schemas", () -> name);
            registry.add("spring.flyway.create-schemas", () -> "true");
            // Spring keeps a test class's application for the next one that matches, each with its pool: small
            // pools keep a whole run under PostgreSQL's 100 connections.
            registry.add("spring.datasource.hikari.maximum-pool-size", () -> "4");
            registry.add("spring.datasource.hikari.minimum-idle", () -> "1");
        } else {
            registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        }
        // Under target/, so `mvn clean` removes it and nothing collects in the system temp folder.
        Path index = Path.of("target", "test-data", name, "index").toAbsolutePath();
        registry.add("council-chat.knowledge.index-directory", index::toString);
        // Shared by every test application: the shipped intent model is trained once per build, not per test.
        Path models = Path.of("target", "test-data", "models").toAbsolutePath();
        registry.add("council-chat.engine.model-directory", models::toString);
    }

    /** Waits (at most {@link StompTestClient#PATIENCE}) until presence says the agent has {@code expected}. */
    public static void awaitPresence(AgentPresence presence, String agent, AgentPresence.Status expected) {
        long deadline = System.nanoTime() + StompTestClient.PATIENCE.toNanos();
        while (presence.status(agent) != expected && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000); // each look is a query now: a breath between them
        }
        assertThat(presence.status(agent)).isEqualTo(expected);
    }

    /** Replaces the system clock so that "today" is a known Monday. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class FixedClock {
        @Bean
        @Primary
        Clock fixedClock() {
            return Clock.fixed(MONDAY_23_NOVEMBER_9AM, ZoneOffset.UTC);
        }
    }
}
