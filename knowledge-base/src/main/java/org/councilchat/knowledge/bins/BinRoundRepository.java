package org.councilchat.knowledge.bins;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.councilchat.knowledge.BinDataInvalid;
import org.councilchat.knowledge.BinImportProgress;
import org.councilchat.knowledge.Postcode;
import org.councilchat.knowledge.PropertyAddress;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rounds, properties and which rounds serve which property, each council's apart: a shared service's districts
 * each import their own, and one council's import never touches another's. A UPRN is unique in Great Britain, so
 * a property belongs to one council; round ids are the councils' own and must not clash.
 */
@Repository
public class BinRoundRepository {

    /** Rows per JDBC batch on import: a whole county's properties go in within seconds, not minutes. */
    private static final int BATCH_SIZE = 1_000;

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;

    public BinRoundRepository(JdbcTemplate jdbc) {
        this.jdbc = JdbcClient.create(jdbc);
        this.batches = jdbc;
    }

    /** The properties at a postcode whose bins this council collects. */
    public List<PropertyAddress> propertiesAt(String councilId, Postcode postcode) {
        return jdbc.sql("SELECT uprn, address, postcode FROM bin_property WHERE postcode = ? AND council_id = ?"
                        + " ORDER BY uprn")
                .params(postcode.value(), councilId)
                .query((row, n) -> new PropertyAddress(
                        row.getString("uprn"),
                        row.getString("address"),
                        Postcode.parse(row.getString("postcode")).orElseThrow()))
                .list();
    }

    /** Those of some postcodes at which a council of this deployment collects bins, in order. */
    public List<Postcode> collectedAmong(Collection<Postcode> postcodes) {
        if (postcodes.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT DISTINCT postcode FROM bin_property WHERE postcode IN (:postcodes) ORDER BY postcode")
                .param("postcodes", postcodes.stream().map(Postcode::value).toList())
                .query((row, n) -> Postcode.parse(row.getString("postcode")).orElseThrow())
                .list();
    }

    /** Whether a council of this deployment collects bins anywhere in an outward code ("MB2"). */
    public boolean collectsInOutward(String outward) {
        return jdbc.sql("SELECT COUNT(*) FROM bin_property WHERE postcode LIKE ?")
                        .param(outward.strip().toUpperCase(Locale.ROOT) + " %")
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** The councils that collect bins at a postcode (more than one where a boundary runs through it). */
    public List<String> councilsCollectingAt(Postcode postcode) {
        return jdbc.sql("SELECT DISTINCT council_id FROM bin_property WHERE postcode = ? ORDER BY council_id")
                .param(postcode.value())
                .query(String.class)
                .list();
    }

    /** The council that collects the bins of this property. */
    public Optional<String> councilOf(String uprn) {
        return jdbc.sql("SELECT council_id FROM bin_property WHERE uprn = ?")
                .param(uprn)
                .query(String.class)
                .optional();
    }

    public Optional<PropertyAddress> property(String uprn) {
        return jdbc.sql("SELECT uprn, address, postcode FROM bin_property WHERE uprn = ?")
                .param(uprn)
                .query((row, n) -> new PropertyAddress(
                        row.getString("uprn"),
                        row.getString("address"),
                        Postcode.parse(row.getString("postcode")).orElseThrow()))
                .optional();
    }

    /** Round ids per UPRN for this council's properties at a postcode, to tell whether they share rounds. */
    public Map<String, TreeSet<String>> roundIdsAt(String councilId, Postcode postcode) {
        Map<String, TreeSet<String>> rounds = new TreeMap<>();
        jdbc.sql("""
                        SELECT p.uprn, r.round_id FROM bin_property p
                        LEFT JOIN bin_property_round r ON r.uprn = p.uprn
                        WHERE p.postcode = ? AND p.council_id = ?""").params(postcode.value(), councilId).query(row -> {
            TreeSet<String> ids = rounds.computeIfAbsent(row.getString("uprn"), uprn -> new TreeSet<>());
            if (row.getString("round_id") != null) {
                ids.add(row.getString("round_id"));
            }
        });
        return rounds;
    }

    public List<BinRound> roundsFor(String uprn) {
        return jdbc.sql("""
                        SELECT r.* FROM bin_round r JOIN bin_property_round pr ON pr.round_id = r.id
                        WHERE pr.uprn = ? ORDER BY r.name""")
                .param(uprn)
                .query((row, n) -> new BinRound(
                        row.getString("id"),
                        row.getString("stream"),
                        row.getString("name"),
                        row.getString("colour"),
                        DayOfWeek.valueOf(row.getString("day_of_week")),
                        row.getInt("interval_weeks"),
                        row.getObject("reference_date", LocalDate.class),
                        row.getObject("start_date", LocalDate.class),
                        row.getObject("end_date", LocalDate.class),
                        row.getBoolean("subscription_only"),
                        row.getString("name_cy")))
                .list();
    }

    /** The explicit exceptions for a round, by the usual date they change. */
    public Map<LocalDate, CollectionException> exceptionsFor(String roundId) {
        Map<LocalDate, CollectionException> exceptions = new TreeMap<>();
        jdbc.sql("SELECT * FROM bin_collection_exception WHERE round_id = ?")
                .param(roundId)
                .query(row -> {
                    LocalDate scheduled = row.getObject("scheduled_date", LocalDate.class);
                    exceptions.put(
                            scheduled,
                            new CollectionException(
                                    roundId,
                                    scheduled,
                                    row.getObject("new_date", LocalDate.class),
                                    row.getString("reason")));
                });
        return exceptions;
    }

    public long countProperties() {
        return jdbc.sql("SELECT COUNT(*) FROM bin_property").query(Long.class).single();
    }

    public long countProperties(String councilId) {
        return jdbc.sql("SELECT COUNT(*) FROM bin_property WHERE council_id = ?")
                .param(councilId)
                .query(Long.class)
                .single();
    }

    /**
     * Replaces every round and property of one council in one transaction, so residents never see half a data
     * set; other councils' stay as they are. On PostgreSQL readers keep seeing the old rows until the commit;
     * {@code progress} hears after each batch.
     *
     * @throws BinDataInvalid naming the round ids or UPRNs another council's data already holds; nothing changes
     */
    @Transactional
    public void replaceAll(
            String councilId,
            List<BinRound> rounds,
            List<PropertyRounds> properties,
            List<CollectionException> exceptions,
            BinImportProgress progress) {
        List<String> clashes = new ArrayList<>(roundsOfOtherCouncils(councilId, rounds));
        clashes.addAll(propertiesOfOtherCouncils(councilId, properties));
        if (!clashes.isEmpty()) {
            throw new BinDataInvalid(clashes);
        }
        jdbc.sql("DELETE FROM bin_collection_exception WHERE round_id IN (SELECT id FROM bin_round"
                        + " WHERE council_id = ?)")
                .param(councilId)
                .update();
        jdbc.sql("DELETE FROM bin_property_round WHERE uprn IN (SELECT uprn FROM bin_property WHERE council_id = ?)")
                .param(councilId)
                .update();
        jdbc.sql("DELETE FROM bin_property WHERE council_id = ?")
                .param(councilId)
                .update();
        jdbc.sql("DELETE FROM bin_round WHERE council_id = ?").param(councilId).update();
        insert(
                "rounds",
                """
                INSERT INTO bin_round (id, stream, name, colour, day_of_week, interval_weeks, reference_date,
                  start_date, end_date, subscription_only, council_id, name_cy)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                rounds,
                round -> List.<Object[]>of(new Object[] {
                    round.id(),
                    round.stream(),
                    round.name(),
                    round.colour(),
                    round.dayOfWeek().name(),
                    round.intervalWeeks(),
                    round.referenceDate(),
                    round.startDate(),
                    round.endDate(),
                    round.subscriptionOnly(),
                    councilId,
                    round.welshName()
                }),
                progress);
        insert(
                "exceptions",
                "INSERT INTO bin_collection_exception (round_id, scheduled_date, new_date, reason) VALUES (?, ?, ?, ?)",
                exceptions,
                exception -> List.<Object[]>of(new Object[] {
                    exception.roundId(), exception.scheduledDate(), exception.newDate(), exception.reason()
                }),
                progress);
        insert(
                "properties",
                "INSERT INTO bin_property (uprn, address, postcode, council_id) VALUES (?, ?, ?, ?)",
                properties,
                property -> List.<Object[]>of(new Object[] {
                    property.address().uprn(),
                    property.address().address(),
                    property.address().postcode().value(),
                    councilId
                }),
                progress);
        insert(
                "property rounds",
                "INSERT INTO bin_property_round (uprn, round_id) VALUES (?, ?)",
                properties,
                property -> property.roundIds().stream()
                        .map(roundId -> new Object[] {property.address().uprn(), roundId})
                        .toList(),
                progress);
    }

    /** The rounds of the import whose ids another council's rounds already have. */
    private List<String> roundsOfOtherCouncils(String councilId, List<BinRound> rounds) {
        Map<String, String> others = new TreeMap<>();
        jdbc.sql("SELECT id, council_id FROM bin_round WHERE council_id <> ?")
                .param(councilId)
                .query(row -> {
                    others.put(row.getString("id"), row.getString("council_id"));
                });
        return rounds.stream()
                .filter(round -> others.containsKey(round.id()))
                .map(round -> "Round " + round.id() + " is already a round of council '" + others.get(round.id())
                        + "': each council's rounds need ids of their own (prefix them, e.g. " + councilId + "-"
                        + round.id() + ")")
                .toList();
    }

    /**
     * The properties of the import another council already collects from. Read before anything is deleted (a
     * failed insert would abort a PostgreSQL transaction before it could say which): one pass over the other
     * councils' UPRNs, a second or so for a county's, which an import can afford.
     */
    private List<String> propertiesOfOtherCouncils(String councilId, List<PropertyRounds> properties) {
        Map<String, String> imported = new TreeMap<>();
        properties.forEach(property ->
                imported.put(property.address().uprn(), property.address().address()));
        List<String> problems = new ArrayList<>();
        jdbc.sql("SELECT uprn, council_id FROM bin_property WHERE council_id <> ?")
                .param(councilId)
                .query(row -> {
                    String address = imported.get(row.getString("uprn"));
                    if (address != null) {
                        problems.add("UPRN " + row.getString("uprn") + " (" + address + ") is on the rounds of"
                                + " council '" + row.getString("council_id") + "' already: one council collects a"
                                + " property's bins");
                    }
                });
        return problems;
    }

    private <T> void insert(
            String what, String sql, List<T> items, Function<T, List<Object[]>> rows, BinImportProgress progress) {
        List<Object[]> batch = new ArrayList<>(BATCH_SIZE);
        int done = 0;
        progress.imported(what, 0, items.size());
        for (T item : items) {
            batch.addAll(rows.apply(item));
            done++;
            if (batch.size() >= BATCH_SIZE || done == items.size()) {
                batches.batchUpdate(sql, batch);
                batch.clear();
                progress.imported(what, done, items.size());
            }
        }
    }

    /** A property with the ids of the rounds that serve it. */
    public record PropertyRounds(PropertyAddress address, List<String> roundIds) {
        public PropertyRounds {
            roundIds = List.copyOf(roundIds);
        }
    }
}
