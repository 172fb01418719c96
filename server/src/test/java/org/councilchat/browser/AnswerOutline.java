package org.councilchat.browser;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.councilchat.knowledge.Faq;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * An answer's shape as a reader meets it, one entry per heading, paragraph, list, item, table row and link, in
 * order: read from what a page shows, and from the HTML the editor wrote, so the two can be compared. Headings
 * are "h" whatever their level (a page sets the level to fit its own headings); the words of phone numbers the
 * widget makes tappable and of text only screen readers hear are left out, since the editor wrote neither.
 */
final class AnswerOutline {

    /** Reads the outline of the answer element in {@code arguments[0]}. */
    static final String SHOWN = """
            const box = arguments[0];
            const text = e => {
              const c = e.cloneNode(true);
              c.querySelectorAll('.cc-vh, .ac-visually-hidden, .visually-hidden').forEach(x => x.remove());
              return c.textContent.replace(/\\s+/g, ' ').trim();
            };
            const out = [];
            box.querySelectorAll('h2, h3, h4, h5, h6, p, ul, ol, li, tr, a').forEach(e => {
              if (e.closest('.cc-answer-source')) {
                if (e.tagName === 'P') out.push('source:' + text(e));
                return;
              }
              if (e.classList.contains('cc-tel')) return;
              const tag = e.tagName.toLowerCase();
              if (/^h\\d$/.test(tag)) out.push('h:' + text(e));
              else if (tag === 'ul' || tag === 'ol') out.push(tag);
              else if (tag === 'tr') out.push('tr:' + Array.from(e.cells).map(text).join(' | '));
              else if (tag === 'a') out.push('a:' + e.getAttribute('href') + ':' + text(e));
              else out.push(tag + ':' + text(e));
            });
            return out;
            """;

    private AnswerOutline() {}

    @SuppressWarnings("unchecked")
    static List<String> shown(WebDriver browser, WebElement answer) {
        return (List<String>) ((JavascriptExecutor) browser).executeScript(SHOWN, answer);
    }

    /** What the outline of an FAQ's answer should be: its HTML's, then "From: question, site". */
    static List<String> written(Faq faq) {
        List<String> out = new ArrayList<>();
        Element body = Jsoup.parseBodyFragment(faq.answerHtml()).body();
        for (Element e : body.select("h2, h3, h4, h5, h6, p, ul, ol, li, tr, a")) {
            String tag = e.normalName();
            if (tag.matches("h\\d")) {
                out.add("h:" + text(e));
            } else if (tag.equals("ul") || tag.equals("ol")) {
                out.add(tag);
            } else if (tag.equals("tr")) {
                out.add("tr:"
                        + String.join(
                                " | ",
                                e.children().stream().map(AnswerOutline::text).toList()));
            } else if (tag.equals("a")) {
                out.add("a:" + e.attr("href") + ":" + text(e));
            } else {
                out.add(tag + ":" + text(e));
            }
        }
        if (faq.sourceUrl() != null && !faq.sourceUrl().isBlank()) {
            String host = URI.create(faq.sourceUrl()).getHost().toLowerCase(Locale.ROOT);
            out.add("source:From: " + faq.question() + ", " + (host.startsWith("www.") ? host.substring(4) : host));
        }
        return out;
    }

    private static String text(Element e) {
        return e.text().replace('\u00a0', ' ').replaceAll("\\s+", " ").strip();
    }
}
