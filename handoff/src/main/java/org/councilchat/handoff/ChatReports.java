package org.councilchat.handoff;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What managers ask of the chat over a period: how many residents the bot helped on its own (containment),
 * how many wanted a person and how long they waited, how many gave up waiting, how they rated their chats, and
 * when in the day they come. Read from the conversations themselves, so it covers what the retention period
 * keeps and no more.
 *
 * <p>A conversation counts from the resident's first message: opening the chat window and closing it again
 * is not a conversation. Days and hours are the council's.
 */
@Service
public class ChatReports {

    private final JdbcClient jdbc;

    public ChatReports(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The figures of one day, or of a whole period. Shares are of {@code conversations} unless said. */
    public record Figures(
            int conversations,
            int botAlone,
            int wantedPerson,
            int answeredByAgent,
            int leftMessage,
            int gaveUpWaiting,
            Duration medianWait,
            Duration longWait,
            int ratings,
            double averageRating,
            int ratedGood) {

        /** Share answered without a person: the bot's containment rate. */
        public double containment() {
            return share(botAlone, conversations);
        }

        public double handoffRate() {
            return share(wantedPerson, conversations);
        }

        /** Share of those who wanted a person that left before one answered, without leaving a message. */
        public double abandonment() {
            return share(gaveUpWaiting, wantedPerson);
        }

        /** Share of ratings that were 4 or 5 out of 5. */
        public double satisfaction() {
            return share(ratedGood, ratings);
        }

        private static double share(int part, int whole) {
            return whole == 0 ? 0 : (double) part / whole;
        }
    }

    /**
     * A period's figures, each day's, and the conversations started in each hour of the day (0 to 23).
     *
     * @param from the first day, inclusive
     * @param to the last day, inclusive
     */
    public record Report(LocalDate from, LocalDate to, Figures total, Map<LocalDate, Figures> days, int[] byHour) {}

    /** The period's figures over the chats of these councils (a supervisor's); none for no councils. */
    public Report report(LocalDate from, LocalDate to, ZoneId zone, Collection<String> councilIds) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("The period ends before it starts");
        }
        // IN () is not SQL: a council no one serves stands in, so the query runs and finds nothing.
        List<String> councils = councilIds.isEmpty() ? List.of("") : List.copyOf(councilIds);
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
        List<Row> rows = jdbc.sql("""
                        SELECT c.created_at, c.handoff_reason, c.waiting_since, c.accepted_at, c.state,
                          EXISTS (SELECT 1 FROM chat_message m
                                  WHERE m.conversation_id = c.id AND m.sender = 'AGENT') AS agent_spoke,
                          EXISTS (SELECT 1 FROM resident_case r WHERE r.conversation_id = c.id) AS left_message,
                          (SELECT r.score FROM conversation_rating r WHERE r.conversation_id = c.id) AS score
                        FROM conversation c
                        WHERE c.created_at >= :start AND c.created_at < :end AND c.council_id IN (:councils)
                          AND EXISTS (SELECT 1 FROM chat_message m
                                      WHERE m.conversation_id = c.id AND m.sender = 'RESIDENT')""")
                .param("start", start.atOffset(ZoneOffset.UTC))
                .param("end", end.atOffset(ZoneOffset.UTC))
                .param("councils", councils)
                .query((row, n) -> new Row(
                        row.getObject("created_at", OffsetDateTime.class).toInstant(),
                        row.getString("handoff_reason") != null,
                        instant(row.getObject("waiting_since", OffsetDateTime.class)),
                        instant(row.getObject("accepted_at", OffsetDateTime.class)),
                        ConversationState.valueOf(row.getString("state")),
                        row.getBoolean("agent_spoke"),
                        row.getBoolean("left_message"),
                        (Integer) row.getObject("score", Integer.class)))
                .list();
        Map<LocalDate, List<Row>> byDay = new TreeMap<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            byDay.put(day, new ArrayList<>());
        }
        int[] byHour = new int[24];
        for (Row row : rows) {
            var local = row.createdAt().atZone(zone);
            byDay.get(local.toLocalDate()).add(row);
            byHour[local.getHour()]++;
        }
        Map<LocalDate, Figures> days = new TreeMap<>();
        byDay.forEach((day, dayRows) -> days.put(day, figures(dayRows)));
        return new Report(from, to, figures(rows), days, byHour);
    }

    private record Row(
            Instant createdAt,
            boolean handedOff,
            Instant waitingSince,
            Instant acceptedAt,
            ConversationState state,
            boolean agentSpoke,
            boolean leftMessage,
            Integer score) {

        boolean wantedPerson() {
            return handedOff || leftMessage;
        }

        /** Wanted a person, got none and left no message, and is not still waiting. */
        boolean gaveUp() {
            return handedOff && !agentSpoke && !leftMessage && state != ConversationState.WAITING;
        }
    }

    private static Figures figures(List<Row> rows) {
        List<Duration> waits = rows.stream()
                .filter(row -> row.waitingSince() != null && row.acceptedAt() != null)
                .map(row -> Duration.between(row.waitingSince(), row.acceptedAt()))
                .sorted(Comparator.naturalOrder())
                .toList();
        List<Integer> scores =
                rows.stream().map(Row::score).filter(score -> score != null).toList();
        return new Figures(
                rows.size(),
                count(rows, row -> !row.wantedPerson()),
                count(rows, Row::wantedPerson),
                count(rows, Row::agentSpoke),
                count(rows, row -> row.leftMessage() && !row.agentSpoke()),
                count(rows, Row::gaveUp),
                percentile(waits, 50),
                percentile(waits, 90),
                scores.size(),
                scores.stream().mapToInt(Integer::intValue).average().orElse(0),
                (int) scores.stream().filter(score -> score >= 4).count());
    }

    private static int count(List<Row> rows, Predicate<Row> which) {
        return (int) rows.stream().filter(which).count();
    }

    /** Nearest-rank percentile; null when nobody waited. */
    private static Duration percentile(List<Duration> sorted, int percent) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
