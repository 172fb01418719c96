package org.councilchat.knowledge.faq;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.councilchat.knowledge.Faq;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** FAQs in the database, the source of truth from which the search index is derived. */
@Repository
public class FaqRepository {

    private final JdbcClient jdbc;

    public FaqRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Faq> findAll() {
        return jdbc.sql("SELECT * FROM faq ORDER BY service_area, question")
                .query(FaqRepository::toFaq)
                .list();
    }

    public List<Faq> findPublished() {
        return jdbc.sql("SELECT * FROM faq WHERE status = 'PUBLISHED' ORDER BY id")
                .query(FaqRepository::toFaq)
                .list();
    }

    public Optional<Faq> findById(String id) {
        return jdbc.sql("SELECT * FROM faq WHERE id = ?")
                .param(id)
                .query(FaqRepository::toFaq)
                .optional();
    }

    /** The council this FAQ id belongs to, if the FAQ exists. */
    public Optional<String> councilOf(String id) {
        return jdbc.sql("SELECT council_id FROM faq WHERE id = ?")
                .param(id)
                .query(String.class)
                .optional();
    }

    /**
     * The published FAQ in {@code language} linked to {@code id} as its translation, either way round: the one
     * that names {@code id} as its original, or the one {@code id} names as its own.
     */
    public Optional<Faq> findPublishedTranslation(String id, String language) {
        return jdbc
                .sql("""
                        SELECT * FROM faq WHERE status = 'PUBLISHED' AND language = ? AND id <> ?
                          AND (translation_of = ? OR id = (SELECT translation_of FROM faq WHERE id = ?))
                        ORDER BY id""")
                .params(language, id, id, id)
                .query(FaqRepository::toFaq)
                // list(), not stream(): an unclosed stream keeps its connection from the pool for good.
                .list()
                .stream()
                .findFirst();
    }

    /**
     * A mark that changes whenever any FAQ is saved, on any server: every save adds a row or raises one FAQ's
     * version by one, so the number of FAQs and the sum of their versions only grow. Unlike a sequence number
     * it cannot be passed by a later save that commits first. NOTE: one aggregate over the FAQ table.
     */
    public ChangeMark changeMark() {
        return jdbc.sql("SELECT COUNT(*) AS faqs, COALESCE(SUM(version), 0) AS versions FROM faq")
                .query((row, rowNum) -> new ChangeMark(row.getLong("faqs"), row.getLong("versions")))
                .single();
    }

    /** See {@link #changeMark()}. */
    public record ChangeMark(long faqs, long versions) {}

    /** The version of every FAQ, by id, to tell which ones changed since the index last saw them. */
    public Map<String, Integer> versions() {
        Map<String, Integer> versions = new HashMap<>();
        jdbc.sql("SELECT id, version FROM faq").query(row -> {
            versions.put(row.getString("id"), row.getInt("version"));
        });
        return versions;
    }

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM faq").query(Long.class).single();
    }

    public long count(String councilId) {
        return jdbc.sql("SELECT COUNT(*) FROM faq WHERE council_id = ?")
                .param(councilId)
                .query(Long.class)
                .single();
    }

    /**
     * Inserts or replaces the FAQ, the version going up by one on every change, and records that version in
     * the history. Callers run it in a transaction, so the FAQ and its history never disagree.
     */
    @Transactional
    public void save(Faq faq) {
        Object[] values = {
            faq.serviceArea(),
            faq.question(),
            String.join("\n", faq.phrasings()),
            faq.answerHtml(),
            faq.sourceUrl(),
            faq.status().name(),
            faq.language(),
            faq.owner(),
            faq.reviewBy(),
            faq.translationOf(),
            faq.updatedAt(),
            faq.updatedBy(),
            faq.id(),
            faq.councilId()
        };
        int updated = jdbc.sql("""
                        UPDATE faq SET service_area = ?, question = ?, phrasings = ?, answer_html = ?, source_url = ?,
                          status = ?, language = ?, owner = ?, review_by = ?, translation_of = ?, version = version + 1, updated_at = ?,
                          updated_by = ?
                        WHERE id = ? AND council_id = ?""").params(values).update();
        if (updated == 0) {
            jdbc.sql("""
                            INSERT INTO faq (service_area, question, phrasings, answer_html, source_url, status,
                              language, owner, review_by, translation_of, updated_at, updated_by, id, council_id,
                              version)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)""").params(values).update();
        }
        jdbc.sql("""
                        INSERT INTO faq_version (faq_id, version, service_area, question, phrasings, answer_html,
                          source_url, status, language, owner, review_by, translation_of, saved_at, saved_by)
                        SELECT id, version, service_area, question, phrasings, answer_html, source_url, status,
                          language, owner, review_by, translation_of, updated_at, updated_by
                        FROM faq WHERE id = ?""").param(faq.id()).update();
    }

    /** Every saved version of the FAQ, newest first. */
    public List<Faq> history(String id) {
        return jdbc.sql("""
                        SELECT v.*, f.council_id FROM faq_version v JOIN faq f ON f.id = v.faq_id
                        WHERE v.faq_id = ? ORDER BY v.version DESC""").param(id).query(FaqRepository::toVersion).list();
    }

    public Optional<Faq> findVersion(String id, int version) {
        return jdbc.sql("""
                        SELECT v.*, f.council_id FROM faq_version v JOIN faq f ON f.id = v.faq_id
                        WHERE v.faq_id = ? AND v.version = ?""").params(id, version).query(FaqRepository::toVersion).optional();
    }

    private static Faq toVersion(ResultSet row, int rowNum) throws SQLException {
        String phrasings = row.getString("phrasings");
        return new Faq(
                row.getString("faq_id"),
                row.getString("service_area"),
                row.getString("question"),
                phrasings.isBlank() ? List.of() : Arrays.asList(phrasings.split("\n")),
                row.getString("answer_html"),
                row.getString("source_url"),
                Faq.FaqStatus.valueOf(row.getString("status")),
                row.getString("language"),
                row.getInt("version"),
                row.getObject("saved_at", OffsetDateTime.class),
                row.getString("saved_by"),
                row.getString("owner"),
                row.getObject("review_by", LocalDate.class),
                row.getString("translation_of"),
                row.getString("council_id"));
    }

    private static Faq toFaq(ResultSet row, int rowNum) throws SQLException {
        String phrasings = row.getString("phrasings");
        return new Faq(
                row.getString("id"),
                row.getString("service_area"),
                row.getString("question"),
                phrasings.isBlank() ? List.of() : Arrays.asList(phrasings.split("\n")),
                row.getString("answer_html"),
                row.getString("source_url"),
                Faq.FaqStatus.valueOf(row.getString("status")),
                row.getString("language"),
                row.getInt("version"),
                row.getObject("updated_at", OffsetDateTime.class),
                row.getString("updated_by"),
                row.getString("owner"),
                row.getObject("review_by", LocalDate.class),
                row.getString("translation_of"),
                row.getString("council_id"));
    }
}
