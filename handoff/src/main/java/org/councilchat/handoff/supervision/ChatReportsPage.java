package org.councilchat.handoff.supervision;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.councilchat.councils.Council;
import org.councilchat.councils.Councils;
import org.councilchat.engine.EngineProperties;
import org.councilchat.handoff.AgentDirectory;
import org.councilchat.handoff.ChatReports;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The managers' figures ({@code /supervisor/reports}): containment, handoffs, waits, residents who gave up
 * waiting, ratings and the busy hours, over a period of their choosing (the last 7 days at first), with each
 * day's figures to download as CSV for the council's own reporting.
 */
@Controller
class ChatReportsPage {

    /** The longest period one report covers: a year, which is also the default retention of conversations. */
    private static final int MOST_DAYS = 366;

    private final ChatReports reports;
    private final AgentDirectory directory;
    private final Councils councils;

    /** One of the supervisor's councils when they chose it, else all of theirs (never another's). */
    private static Set<String> shown(Set<String> theirs, String council) {
        return council != null && theirs.contains(council) ? Set.of(council) : theirs;
    }

    private final ZoneId zone;
    private final Clock clock;

    ChatReportsPage(
            ChatReports reports, EngineProperties engine, Clock clock, AgentDirectory directory, Councils councils) {
        this.reports = reports;
        this.directory = directory;
        this.councils = councils;
        this.zone = ZoneId.of(engine.timeZone());
        this.clock = clock;
    }

    @ModelAttribute("staffName")
    String staffName(Principal supervisor) {
        return supervisor == null ? "" : supervisor.getName();
    }

    @GetMapping("/supervisor/reports")
    String page(
            @RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "to", required = false) String to,
            @RequestParam(name = "council", required = false) String council,
            Principal supervisor,
            Model model) {
        Set<String> theirs = directory.councilsOf(supervisor);
        Set<String> shown = shown(theirs, council);
        List<Council> choices = councils.among(theirs);
        model.addAttribute("councilChoices", choices.size() > 1 ? choices : List.of());
        model.addAttribute(
                "council",
                shown.size() == 1 && choices.size() > 1 ? shown.iterator().next() : "");
        LocalDate today = LocalDate.now(clock.withZone(zone));
        Period period = Period.of(from, to, today);
        model.addAttribute("from", from == null ? period.from().toString() : from);
        model.addAttribute("to", to == null ? period.to().toString() : to);
        if (!period.problems().isEmpty()) {
            model.addAttribute("problems", period.problems());
            return "supervisor/reports";
        }
        ChatReports.Report report = reports.report(period.from(), period.to(), zone, shown);
        if (shown.size() > 1) {
            // Side by side: what each council gets from the shared service, beside the whole of it.
            Map<String, ChatReports.Figures> byCouncil = new LinkedHashMap<>();
            for (Council each : choices) {
                byCouncil.put(
                        each.name(),
                        reports.report(period.from(), period.to(), zone, Set.of(each.id()))
                                .total());
            }
            model.addAttribute("byCouncil", byCouncil);
        }
        int busiest = 0;
        for (int count : report.byHour()) {
            busiest = Math.max(busiest, count);
        }
        model.addAttribute("report", report);
        model.addAttribute("busiest", busiest);
        return "supervisor/reports";
    }

    @GetMapping("/supervisor/reports.csv")
    ResponseEntity<String> csv(
            @RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "to", required = false) String to,
            @RequestParam(name = "council", required = false) String council,
            Principal supervisor) {
        Period period = Period.of(from, to, LocalDate.now(clock.withZone(zone)));
        if (!period.problems().isEmpty()) {
            return ResponseEntity.badRequest()
                    .contentType(MediaType.TEXT_PLAIN)
                    .body(String.join("\n", period.problems()) + "\n");
        }
        Set<String> shown = shown(directory.councilsOf(supervisor), council);
        ChatReports.Report report = reports.report(period.from(), period.to(), zone, shown);
        StringBuilder csv = new StringBuilder(
                "date,conversations,answered_by_bot_alone,wanted_a_person,answered_by_an_agent,left_a_message,"
                        + "gave_up_waiting,median_wait_seconds,long_wait_seconds,ratings,average_rating\n");
        report.days()
                .forEach((day, figures) -> csv.append(String.format(
                        Locale.ROOT,
                        "%s,%d,%d,%d,%d,%d,%d,%s,%s,%d,%s%n",
                        day,
                        figures.conversations(),
                        figures.botAlone(),
                        figures.wantedPerson(),
                        figures.answeredByAgent(),
                        figures.leftMessage(),
                        figures.gaveUpWaiting(),
                        seconds(figures.medianWait()),
                        seconds(figures.longWait()),
                        figures.ratings(),
                        figures.ratings() == 0 ? "" : String.format(Locale.ROOT, "%.2f", figures.averageRating()))));
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("chat-report-"
                                        + (shown.size() == 1 ? shown.iterator().next() + "-" : "")
                                        + period.from() + "-to-" + period.to() + ".csv")
                                .build()
                                .toString())
                .body(csv.toString());
    }

    private static String seconds(Duration wait) {
        return wait == null ? "" : Long.toString(wait.toSeconds());
    }

    /** The period asked for, checked, with what is wrong with it in plain words. */
    private record Period(LocalDate from, LocalDate to, List<String> problems) {

        static Period of(String from, String to, LocalDate today) {
            List<String> problems = new ArrayList<>();
            LocalDate last = date(to, today, "The end date", problems);
            LocalDate first = date(from, last.minusDays(6), "The start date", problems);
            if (problems.isEmpty() && last.isBefore(first)) {
                problems.add("The start date must be on or before the end date.");
            }
            if (problems.isEmpty() && ChronoUnit.DAYS.between(first, last) >= MOST_DAYS) {
                problems.add("Choose a period of at most " + MOST_DAYS + " days.");
            }
            return new Period(first, last, problems);
        }

        private static LocalDate date(String typed, LocalDate otherwise, String name, List<String> problems) {
            if (typed == null || typed.isBlank()) {
                return otherwise;
            }
            try {
                return LocalDate.parse(typed.strip());
            } catch (DateTimeParseException e) {
                problems.add(name + " must be a date, like " + otherwise + ".");
                return otherwise;
            }
        }
    }
}
