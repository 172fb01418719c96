package org.councilchat.notify;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import java.util.regex.Pattern;
import org.councilchat.councils.Council;
import org.councilchat.councils.Councils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The page every bin-day reminder links to, without signing in: its token is its key. Opening it shows which
 * address and where to, with a button; only the button stops them, since mail scanners and link previews open
 * links by themselves. Stopping deletes the reminder, the resident's number or address with it. In the language the
 * reminders are in, or the other one ({@code ?lang=cy}) for a council that speaks both.
 */
@Controller
class BinDayReminderPages {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final JdbcClient jdbc;
    private final Councils councils;

    BinDayReminderPages(JdbcClient jdbc, Councils councils) {
        this.jdbc = jdbc;
        this.councils = councils;
    }

    @GetMapping("/reminders/{token}")
    String reminder(
            @PathVariable String token,
            @RequestParam(required = false) String lang,
            Model model,
            HttpServletResponse response) {
        Optional<Shown> shown = find(token);
        if (shown.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        }
        describe(model, shown, lang, false);
        return "reminders";
    }

    @PostMapping("/reminders/{token}")
    String stop(
            @PathVariable String token,
            @RequestParam(required = false) String lang,
            Model model,
            HttpServletResponse response) {
        Optional<Shown> shown = find(token);
        if (shown.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        } else {
            jdbc.sql("DELETE FROM bin_day_reminder WHERE token = ?")
                    .param(token)
                    .update();
        }
        describe(model, shown, lang, shown.isPresent());
        return "reminders";
    }

    private void describe(Model model, Optional<Shown> shown, String lang, boolean stopped) {
        Council council =
                shown.flatMap(reminder -> councils.find(reminder.councilId())).orElseGet(councils::byDefault);
        String language = lang != null && council.speaks(lang)
                ? lang
                : shown.map(Shown::language)
                        .filter(council::speaks)
                        .orElse(council.languages().getFirst());
        model.addAttribute("council", council);
        model.addAttribute("welsh", language.equals("cy"));
        model.addAttribute("bilingual", council.speaks("cy") && council.speaks("en"));
        model.addAttribute("found", shown.isPresent());
        model.addAttribute("stopped", stopped);
        shown.ifPresent(reminder -> {
            model.addAttribute("address", reminder.address());
            model.addAttribute("text", reminder.channel().equals("SMS"));
            model.addAttribute("sentTo", partly(reminder));
        });
    }

    /**
     * Enough of where they go for the resident to know it is theirs, not enough to tell a stranger holding the link
     * whose it is: the last three digits of a mobile, the first letter and the domain of an e-mail address.
     */
    private static String partly(Shown reminder) {
        String to = reminder.recipient();
        if (reminder.channel().equals("SMS")) {
            return to.substring(Math.max(0, to.length() - 3));
        }
        int at = to.indexOf('@');
        return at <= 0 ? "" : to.charAt(0) + "…" + to.substring(at);
    }

    private Optional<Shown> find(String token) {
        if (!TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        return jdbc.sql(
                        "SELECT council_id, address, channel, recipient, language FROM bin_day_reminder WHERE token = ?")
                .param(token)
                .query((row, n) -> new Shown(
                        row.getString("council_id"),
                        row.getString("address"),
                        row.getString("channel"),
                        row.getString("recipient"),
                        row.getString("language")))
                .optional();
    }

    private record Shown(String councilId, String address, String channel, String recipient, String language) {}
}
