package org.councilchat.staff;

import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.councilchat.councils.Council;
import org.councilchat.councils.Councils;
import org.councilchat.engine.EngineProperties;
import org.councilchat.knowledge.KnowledgeProperties;
import org.councilchat.retention.RetentionProperties;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The administrator's view of the councils this deployment serves, as the configuration sets them up: each one's
 * web sites, languages, hours, bank holidays, retention and the rest, with the deployment's value shown where the
 * council keeps none of its own, so the IT team can check a shared service's set-up at a glance. Read only: a
 * council is added or changed in {@code council-chat.councils} (README, "Councils"), since its id is stored with
 * everything its residents and staff do.
 */
@Controller
class CouncilsPage {

    private static final Map<String, String> LANGUAGE_NAMES = Map.of("en", "English", "cy", "Welsh (Cymraeg)");

    private final Councils councils;
    private final StaffDirectory staff;
    private final EngineProperties engine;
    private final KnowledgeProperties knowledge;
    private final RetentionProperties retention;

    CouncilsPage(
            Councils councils,
            StaffDirectory staff,
            EngineProperties engine,
            KnowledgeProperties knowledge,
            RetentionProperties retention) {
        this.councils = councils;
        this.staff = staff;
        this.engine = engine;
        this.knowledge = knowledge;
        this.retention = retention;
    }

    @ModelAttribute("staffName")
    String staffName(Principal admin) {
        return admin == null ? "" : staff.displayName(admin.getName());
    }

    @GetMapping("/admin/councils")
    String councils(Principal admin, Model model) {
        model.addAttribute(
                "councils",
                councils.among(staff.councilsOf(admin)).stream()
                        .map(this::settings)
                        .toList());
        return "admin/councils";
    }

    /** A council's settings as they apply, each saying whether it is the council's own or the deployment's. */
    private CouncilSettings settings(Council council) {
        String hours = council.contactCentreHours().isEmpty()
                ? own(false, String.join(", ", engine.contactCentre().hours()))
                : own(true, String.join(", ", council.contactCentreHours()));
        boolean closed = council.closedOnBankHolidays() == null
                ? engine.contactCentre().closedOnBankHolidays()
                : council.closedOnBankHolidays();
        Duration kept = council.retention() == null ? retention.conversations() : council.retention();
        return new CouncilSettings(
                council.id(),
                council.name(),
                council.colour(),
                council.origins().isEmpty() ? "The chat server's own pages only" : String.join(", ", council.origins()),
                council.languages().stream().map(LANGUAGE_NAMES::get).collect(Collectors.joining(", ")),
                council.dataController(),
                council.privacyUrl(),
                hours + (closed ? "; closed on bank holidays" : "; open on bank holidays"),
                council.bankHolidays() == null
                        ? own(false, knowledge.bins().division())
                        : own(true, council.bankHolidays()),
                council.retention() == null ? own(false, kept.toDays() + " days") : own(true, kept.toDays() + " days"),
                council.botName().isBlank() ? own(false, engine.botName()) : own(true, council.botName()),
                council.servicesFrom().entrySet().stream()
                        .map(service -> service.getKey() + " from "
                                + councils.of(service.getValue()).name())
                        .sorted()
                        .toList());
    }

    private static String own(boolean councils, String value) {
        return councils ? value : value + " (the deployment's)";
    }

    record CouncilSettings(
            String id,
            String name,
            String colour,
            String origins,
            String languages,
            String dataController,
            String privacyUrl,
            String hours,
            String bankHolidays,
            String retention,
            String botName,
            List<String> servicesFrom) {}
}
