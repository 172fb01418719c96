package org.councilchat.notify;

import java.security.Principal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.councilchat.councils.CouncilStaff;
import org.councilchat.handoff.AgentDirectory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The administrator's view of what GOV.UK Notify sends residents: the texts and e-mails Notify refused, given up on or
 * still being tried, with Notify's reason, and how many went lately, so a removed template or a revoked key is seen
 * on a page and not only in the logs. Only the administrator's own councils; never a number, an address or what was
 * sent (blanked once Notify answered), and a case's reference only for the reference of a message left, which staff
 * can look up in the case inbox anyway.
 */
@Controller
class NotificationsPage {

    /** How the page names each kind of message, as staff know them. */
    private static final Map<String, String> KINDS = Map.of(
            "case-reference", "Reference of a message left",
            "transcript", "Chat by email",
            "bin-day-reminder", "Bin-day reminder",
            "bin-day-reminders-started", "Bin-day reminders started");

    private final NotifyProperties properties;
    private final JdbcClient jdbc;
    private final CouncilStaff staff;
    private final AgentDirectory agents;

    NotificationsPage(NotifyProperties properties, JdbcClient jdbc, CouncilStaff staff, AgentDirectory agents) {
        this.properties = properties;
        this.jdbc = jdbc;
        this.staff = staff;
        this.agents = agents;
    }

    /** A message not sent, as the page lists it. */
    record NotSent(
            String kind,
            boolean text,
            String councilId,
            String caseReference,
            Instant createdAt,
            int attempts,
            boolean failed,
            String lastError) {}

    /** A council's bin-day reminders running now. */
    record Reminders(String councilId, long count) {}

    @ModelAttribute("staffName")
    String staffName(Principal admin) {
        return admin == null ? "" : agents.agentName(admin).orElse(admin.getName());
    }

    @GetMapping("/admin/notifications")
    String notifications(Principal admin, Model model) {
        List<String> theirs = List.copyOf(staff.councilsOf(admin));
        model.addAttribute("on", properties.on());
        model.addAttribute(
                "kinds", properties.templates().keySet().stream().sorted().toList());
        model.addAttribute("keptFor", properties.keepFailed().toDays());
        if (theirs.isEmpty()) {
            model.addAttribute("notSent", List.of());
            model.addAttribute("sentLately", 0);
            model.addAttribute("reminders", List.of());
            return "admin/notifications";
        }
        model.addAttribute(
                "notSent",
                jdbc.sql("""
                                SELECT kind, channel, council_id, reference, created_at, attempts, failed_at, last_error
                                FROM resident_notification
                                WHERE sent_at IS NULL AND council_id IN (:councils)
                                ORDER BY id DESC LIMIT 500""")
                        .param("councils", theirs)
                        .query((row, n) -> new NotSent(
                                KINDS.getOrDefault(row.getString("kind"), row.getString("kind")),
                                row.getString("channel").equals("SMS"),
                                row.getString("council_id"),
                                row.getString("kind").equals("case-reference") ? row.getString("reference") : "",
                                row.getObject("created_at", OffsetDateTime.class)
                                        .toInstant(),
                                row.getInt("attempts"),
                                row.getObject("failed_at", OffsetDateTime.class) != null,
                                row.getString("last_error")))
                        .list());
        // NotifyDelivery deletes a sent message a day after sending it, so the sent rows are the last day's.
        model.addAttribute(
                "sentLately",
                jdbc.sql("""
                                SELECT COUNT(*) FROM resident_notification
                                WHERE sent_at IS NOT NULL AND council_id IN (:councils)""").param("councils", theirs).query(Long.class).single());
        model.addAttribute(
                "reminders",
                jdbc.sql("""
                                SELECT council_id, COUNT(*) AS reminders FROM bin_day_reminder
                                WHERE council_id IN (:councils) AND ends_at >= :now
                                GROUP BY council_id ORDER BY council_id""")
                        .param("councils", theirs)
                        .param("now", Instant.now().atOffset(ZoneOffset.UTC))
                        .query((row, n) -> new Reminders(row.getString("council_id"), row.getLong("reminders")))
                        .list());
        return "admin/notifications";
    }
}
