package org.councilchat.knowledge.faq;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;

/**
 * Keeps FAQ answers within the HTML that may reach a resident: p, ul, ol, li, a[href], strong, em, h3.
 * Applied on every save and import, so no script or tracking markup can ever be served from the index.
 */
public final class AnswerSanitizer {

    private static final Safelist COUNCIL_ANSWER = new Safelist()
            .addTags("p", "ul", "ol", "li", "a", "strong", "em", "h3")
            .addAttributes("a", "href")
            .addProtocols("a", "href", "https", "http", "mailto", "tel")
            .preserveRelativeLinks(false);

    private static final Document.OutputSettings COMPACT = new Document.OutputSettings().prettyPrint(false);

    private AnswerSanitizer() {}

    public static String clean(String html) {
        return Jsoup.clean(html == null ? "" : html, "", COUNCIL_ANSWER, COMPACT)
                .strip();
    }

    /** The answer as plain text, for indexing and for channels that cannot show HTML. */
    public static String plainText(String html) {
        return Jsoup.parse(html == null ? "" : html).text();
    }
}
