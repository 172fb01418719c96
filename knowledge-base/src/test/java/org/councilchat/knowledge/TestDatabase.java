package org.councilchat.knowledge;

import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A fresh in-memory H2 database per test, migrated by Flyway from this module's own migrations, so the
 * repositories run against the real schema (foreign keys, column sizes) rather than a mock.
 */
record TestDatabase(DataSource dataSource, JdbcClient jdbc, TransactionTemplate transactions) {

    static TestDatabase migrated() {
        DataSource dataSource = new DriverManagerDataSource(
                "jdbc:h2:mem:knowledge-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/knowledge")
                .load()
                .migrate();
        return new TestDatabase(
                dataSource,
                JdbcClient.create(dataSource),
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
    }

    /** Drops the in-memory database, which DB_CLOSE_DELAY=-1 would otherwise keep for the whole test run. */
    void shutdown() {
        jdbc.sql("SHUTDOWN").update();
    }
}
