package org.councilchat.webhooks;

import java.security.Principal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import org.councilchat.councils.CouncilStaff;
import org.councilchat.handoff.AgentDirectory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The administrator's view of the webhooks: each endpoint, the events waiting or being retried, and those given up
 * on, with a button to send them again once the receiving system is back. Only the events of the administrator's
 * own councils; never what they carry (residents' words), only what kind of event, when, and what went wrong.
 */
@Controller
class WebhooksPage {

    private final WebhookProperties properties;
    private final WebhookDelivery delivery;
    private final JdbcClient jdbc;
    private final CouncilStaff staff;
    private final AgentDirectory agents;

    WebhooksPage(
            WebhookProperties properties,
            WebhookDelivery delivery,
            JdbcClient jdbc,
            CouncilStaff staff,
            AgentDirectory agents) {
        this.properties = properties;
        this.delivery = delivery;
        this.jdbc = jdbc;
        this.staff = staff;
        this.agents = agents;
    }

    /** An event not yet delivered, as the page lists it. */
    record Undelivered(
            long id,
            String endpoint,
            String type,
            String councilId,
            Instant createdAt,
            int attempts,
            Instant nextAttemptAt,
            Instant failedAt,
            String lastError) {

        public boolean failed() {
            return failedAt != null;
        }
    }

    @ModelAttribute("staffName")
    String staffName(Principal admin) {
        return admin == null ? "" : agents.agentName(admin).orElse(admin.getName());
    }

    @GetMapping("/admin/webhooks")
    String webhooks(Principal admin, Model model) {
        Set<String> theirs = staff.councilsOf(admin);
        model.addAttribute(
                "endpoints",
                properties.endpoints().stream()
                        .filter(endpoint -> endpoint.councils().stream().anyMatch(theirs::contains))
                        .toList());
        List<Undelivered> undelivered = theirs.isEmpty()
                ? List.of()
                : jdbc.sql("""
                                SELECT id, endpoint, event_type, council_id, created_at, attempts, next_attempt_at,
                                    failed_at, last_error
                                FROM webhook_delivery
                                WHERE delivered_at IS NULL AND council_id IN (:councils)
                                ORDER BY id DESC""")
                        .param("councils", List.copyOf(theirs))
                        .query((row, n) -> new Undelivered(
                                row.getLong("id"),
                                row.getString("endpoint"),
                                row.getString("event_type"),
                                row.getString("council_id"),
                                instant(row.getObject("created_at", OffsetDateTime.class)),
                                row.getInt("attempts"),
                                instant(row.getObject("next_attempt_at", OffsetDateTime.class)),
                                instant(row.getObject("failed_at", OffsetDateTime.class)),
                                row.getString("last_error")))
                        .list();
        model.addAttribute("undelivered", undelivered);
        model.addAttribute(
                "failed", undelivered.stream().filter(Undelivered::failed).count());
        model.addAttribute(
                "deliveredLately",
                theirs.isEmpty()
                        ? 0
                        : jdbc.sql("""
                                        SELECT COUNT(*) FROM webhook_delivery
                                        WHERE delivered_at IS NOT NULL AND council_id IN (:councils)""")
                                .param("councils", List.copyOf(theirs))
                                .query(Integer.class)
                                .single());
        model.addAttribute("keptFor", properties.keepDelivered().toDays());
        return "admin/webhooks";
    }

    @PostMapping("/admin/webhooks/send-again")
    String sendAgain(
            @RequestParam(name = "id", required = false) List<Long> ids, Principal admin, RedirectAttributes redirect) {
        int again = delivery.sendAgain(ids == null ? List.of() : ids, staff.councilsOf(admin));
        redirect.addFlashAttribute(
                "sentAgain", again == 1 ? "1 event is being sent again." : again + " events are being sent again.");
        return "redirect:/admin/webhooks";
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
