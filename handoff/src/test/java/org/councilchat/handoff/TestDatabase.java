package org.councilchat.handoff;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * A fresh database with the handoff module's tables, for tests of what several servers sharing one database do: an
 * in-memory H2 by default; with {@code -Dcouncil-chat.test.database=postgres} a fresh schema on the local PostgreSQL
 * server (the same switches as the server module's {@code TestCouncil}).
 */
public final class TestDatabase {

    private TestDatabase() {}

    public static DataSource fresh() {
        String name = "cc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        DataSource dataSource;
        var flyway = Flyway.configure()
                .placeholders(Map.of("first_council", "default"))
                .locations("classpath:db/migration/handoff");
        if ("postgres".equals(System.getProperty("council-chat.test.database"))) {
            String url = System.getProperty("council-chat.test.postgres-url", "jdbc:postgresql://127.0.0.1:5432/test");
            dataSource = pooled(
                    url + "?currentSchema=" + name, System.getProperty("council-chat.test.postgres-user", "postgres"));
            flyway.schemas(name).createSchemas(true);
        } else {
            dataSource = pooled("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa");
        }
        flyway.dataSource(dataSource).load().migrate();
        return dataSource;
    }

    /** A small pool, as the server has: a new PostgreSQL connection per statement would make a test crawl. */
    private static DataSource pooled(String url, String user) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword("");
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(1);
        return new HikariDataSource(config);
    }
}
