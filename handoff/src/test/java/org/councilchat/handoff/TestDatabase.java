package org.councilchat.handoff;

import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

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
        var flyway = Flyway.configure().locations("classpath:db/migration/handoff");
        if ("postgres".equals(System.getProperty("council-chat.test.database"))) {
            String url = System.getProperty("council-chat.test.postgres-url", "jdbc:postgresql://127.0.0.1:5432/test");
            dataSource = new DriverManagerDataSource(
                    url + "?currentSchema=" + name,
                    System.getProperty("council-chat.test.postgres-user", "postgres"),
                    "");
            flyway.schemas(name).createSchemas(true);
        } else {
            dataSource = new DriverManagerDataSource("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "");
        }
        flyway.dataSource(dataSource).load().migrate();
        return dataSource;
    }
}
