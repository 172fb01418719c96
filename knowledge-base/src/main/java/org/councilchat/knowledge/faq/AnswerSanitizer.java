package org.councilchat.knowledge.faq;

import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Safelist;

/**
 * Keeps FAQ answers within the HTML that may reach a resident: p, ul, ol, li, a[href], strong, em, h3, h4 and a
 * simple table (caption, thead, tbody, tr, th, td) for opening hours or charges. Exactly what {@code AnswerLayout}
 * can show in every channel, so an editor's preview never promises what the widget would drop.
 * Applied on every save and import, so no script or tracking markup can ever be served from the index.
 * Links are {@code https:}, {@code mailto:} or {@code tel:}; an {@code http:} link is upgraded to
 * {@code https:}, since a resident's browser would warn about it, the widget's pages are served over HTTPS,
 * and a council's own pages all answer on HTTPS (the editor's preview shows the upgraded link).
 */
public final class AnswerSanitizer {

    private static final Safelist COUNCIL_ANSWER = new Safelist()
            .addTags("p", "ul", "ol", "li", "a", "strong", "em", "h3", "h4")
            .addTags("table", "caption", "thead", "tbody", "tr", "th", "td")
            .addAttributes("a", "href")
            .addProtocols("a", "href", "https", "http", "mailto", "tel")
            .preserveRelativeLinks(false);

    private static final Document.OutputSettings COMPACT = new Document.OutputSettings().prettyPrint(false);

    private AnswerSanitizer() {}

    public static String clean(String html) {
        String safe = Jsoup.clean(html == null ? "" : html, "", COUNCIL_ANSWER, COMPACT);
        if (!safe.toLowerCase(Locale.ROOT).contains("http:")) {
            return safe.strip();
        }
        Document answer = Jsoup.parseBodyFragment(safe);
        answer.outputSettings(COMPACT);
        for (Element link : answer.select("a[href]")) {
            String href = link.attr("href").strip();
            if (href.regionMatches(true, 0, "http:", 0, 5)) {
                link.attr("href", "https:" + href.substring(5));
            }
        }
        return answer.body().html().strip();
    }

    /** The answer as plain text, for indexing and for channels that cannot show HTML. */
    public static String plainText(String html) {
        return Jsoup.parse(html == null ? "" : html).text();
    }
}
