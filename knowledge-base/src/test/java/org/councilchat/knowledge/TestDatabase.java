package org.councilchat.knowledge;

import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A fresh database per test, migrated by Flyway from this module's own migrations, so the repositories run
 * against the real schema (foreign keys, column sizes) rather than a mock. In-memory H2 by default; with
 * {@code -Dcouncil-chat.test.database=postgres} a fresh schema on the local PostgreSQL server, as CI runs it.
 */
public record TestDatabase(
        DataSource dataSource,
        JdbcClient jdbc,
        JdbcTemplate template,
        DataSourceTransactionManager transactionManager,
        TransactionTemplate transactions,
        String schema) {

    public static boolean onPostgres() {
        return "postgres".equals(System.getProperty("council-chat.test.database"));
    }

    public static TestDatabase migrated() {
        String schema = "cc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        DataSource dataSource;
        var flyway = Flyway.configure()
                .placeholders(Map.of("first_council", "default"))
                .locations("classpath:db/migration/knowledge");
        if (onPostgres()) {
            String url = System.getProperty("council-chat.test.postgres-url", "jdbc:postgresql://127.0.0.1:5432/test");
            dataSource = new DriverManagerDataSource(
                    url + "?currentSchema=" + schema,
                    System.getProperty("council-chat.test.postgres-user", "postgres"),
                    "");
            flyway.schemas(schema).createSchemas(true);
        } else {
            dataSource =
                    new DriverManagerDataSource("jdbc:h2:mem:knowledge-" + schema + ";DB_CLOSE_DELAY=-1", "sa", "");
        }
        flyway.dataSource(dataSource).load().migrate();
        DataSourceTransactionManager transactionManager = new DataSourceTransactionManager(dataSource);
        return new TestDatabase(
                dataSource,
                JdbcClient.create(dataSource),
                new JdbcTemplate(dataSource),
                transactionManager,
                new TransactionTemplate(transactionManager),
                schema);
    }

    /** Drops the test's database or schema, which would otherwise outlive the test. */
    public void shutdown() {
        if (onPostgres()) {
            jdbc.sql("DROP SCHEMA " + schema + " CASCADE").update();
        } else {
            jdbc.sql("SHUTDOWN").update();
        }
    }
}
