package org.councilchat.staff;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * A fresh database with the staff tables only, for tests of what several servers sharing one database do: an
 * in-memory H2 by default; with {@code -Dcouncil-chat.test.database=postgres} a fresh schema on the local PostgreSQL
 * server (the same switches as {@code TestCouncil}).
 */
final class StaffDatabase {

    private StaffDatabase() {}

    static DataSource fresh() {
        String name = "cc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        HikariConfig config = new HikariConfig();
        var flyway = Flyway.configure().locations("classpath:db/migration/staff");
        if ("postgres".equals(System.getProperty("council-chat.test.database"))) {
            String url = System.getProperty("council-chat.test.postgres-url", "jdbc:postgresql://127.0.0.1:5432/test");
            config.setJdbcUrl(url + "?currentSchema=" + name);
            config.setUsername(System.getProperty("council-chat.test.postgres-user", "postgres"));
            flyway.schemas(name).createSchemas(true);
        } else {
            config.setJdbcUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
            config.setUsername("sa");
        }
        config.setPassword("");
        // Small, as the server's: a test class makes several, and PostgreSQL allows 100 connections in all.
        config.setMaximumPoolSize(2);
        config.setMinimumIdle(1);
        DataSource dataSource = new HikariDataSource(config);
        flyway.dataSource(dataSource).load().migrate();
        return dataSource;
    }
}
