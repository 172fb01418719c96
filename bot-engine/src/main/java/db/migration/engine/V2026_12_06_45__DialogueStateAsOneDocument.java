package db.migration.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import tools.jackson.databind.json.JsonMapper;

/**
 * Puts each conversation's dialogue state, kept so far as one column per field, into one JSON document (the
 * next migration drops the old columns), so a conversation under way when a council upgrades carries on where it
 * was. The field names are written out here, as they were on the day, rather than taken from the live
 * {@code DialogueState}: a migration must mean the same thing however the code changes later.
 */
public class V2026_12_06_45__DialogueStateAsOneDocument extends BaseJavaMigration {

    private static final String[] TEXT_FIELDS = {
        "awaiting",
        "task",
        "wanted_stream",
        "postcode",
        "uprn",
        "address",
        "last_intent",
        "answered_faq_id",
        "missed_bin_reference",
        "contact_name",
        "contact_details",
        "case_reference",
        "safeguarding",
        "service",
        "feedback_question",
        "topic"
    };

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (PreparedStatement add =
                connection.prepareStatement("ALTER TABLE dialogue_state ADD COLUMN document VARCHAR(20000)")) {
            add.execute();
        }
        try (PreparedStatement read = connection.prepareStatement("SELECT * FROM dialogue_state");
                PreparedStatement write = connection.prepareStatement(
                        "UPDATE dialogue_state SET document = ? WHERE conversation_id = ?");
                ResultSet rows = read.executeQuery()) {
            while (rows.next()) {
                write.setString(1, JSON.writeValueAsString(document(rows)));
                write.setString(2, rows.getString("conversation_id"));
                write.addBatch();
            }
            write.executeBatch();
        }
    }

    private static Map<String, Object> document(ResultSet row) throws SQLException {
        Map<String, Object> document = new LinkedHashMap<>();
        for (String column : TEXT_FIELDS) {
            document.put(fieldOf(column), row.getString(column));
        }
        double confidence = row.getDouble("last_confidence");
        document.put("lastConfidence", row.wasNull() ? null : confidence);
        document.put("consecutiveFailures", row.getInt("consecutive_failures"));
        return document;
    }

    /** {@code wanted_stream} as {@code wantedStream}. */
    private static String fieldOf(String column) {
        StringBuilder field = new StringBuilder();
        boolean upper = false;
        for (char c : column.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                field.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return field.toString();
    }
}
