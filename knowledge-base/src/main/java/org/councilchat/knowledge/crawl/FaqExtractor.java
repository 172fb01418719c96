package org.councilchat.knowledge.crawl;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.councilchat.knowledge.faq.AnswerSanitizer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Question and answer pairs from a council web page, from the first of these that yields any: schema.org
 * FAQPage in JSON-LD, then in microdata; details/summary accordions; dl/dt/dd; h2/h3 headings that ask a
 * question, with the content up to the next heading. Failing all of them, one entry for the page: its title
 * and main content, without navigation, header, footer, breadcrumbs or cookie banner. Answers are cleaned to
 * the safe subset by {@link AnswerSanitizer}.
 */
public final class FaqExtractor {

    /** One extracted pair; {@code answerHtml} is already within the safe subset. */
    public record Extracted(String question, String answerHtml) {}

    static final int MAX_QUESTION = 500;
    static final int MAX_ANSWER = 19_000;

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Pattern QUESTION_WORDS = Pattern.compile(
            "^(how|what|when|where|why|who|which|can|could|do|does|did|is|are|will|should|may|must|if)\\b.*",
            Pattern.CASE_INSENSITIVE);
    private static final String CLUTTER = "nav, header, footer, aside, script, style, noscript, template, iframe, form,"
            + " [role=navigation], [role=banner], [role=contentinfo], [hidden], [aria-hidden=true],"
            + " [class*=cookie], [id*=cookie], [class*=consent], [id*=consent], [class*=breadcrumb],"
            + " [class*=skip-link], [class*=feedback]";

    private FaqExtractor() {}

    public static List<Extracted> extract(Document page) {
        List<Extracted> found = jsonLd(page);
        if (found.isEmpty()) {
            found = microdata(page);
        }
        Element main = mainContent(page);
        if (found.isEmpty()) {
            found = accordions(main);
        }
        if (found.isEmpty()) {
            found = definitionLists(main);
        }
        if (found.isEmpty()) {
            found = questionHeadings(main);
        }
        if (found.isEmpty()) {
            found = wholePage(page, main);
        }
        // A page may repeat a question (a summary and a full list): the first answer stands.
        Map<String, Extracted> byQuestion = new LinkedHashMap<>();
        found.forEach(e -> byQuestion.putIfAbsent(e.question().toLowerCase(Locale.ROOT), e));
        return List.copyOf(byQuestion.values());
    }

    /** Links to follow, absolute, without fragments; nofollow links are left alone. */
    public static Set<URI> links(Document page) {
        Set<URI> links = new LinkedHashSet<>();
        for (Element a : page.select("a[href]")) {
            if (a.attr("rel").toLowerCase(Locale.ROOT).contains("nofollow")) {
                continue;
            }
            String href = a.absUrl("href");
            try {
                URI uri = URI.create(href);
                if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                    links.add(new URI(uri.getScheme(), uri.getAuthority(), uri.getPath(), uri.getQuery(), null));
                }
            } catch (Exception e) {
                // a malformed link on the page: nothing to follow
            }
        }
        return links;
    }

    private static List<Extracted> jsonLd(Document page) {
        List<Extracted> found = new ArrayList<>();
        for (Element script : page.select("script[type=application/ld+json]")) {
            try {
                collectFaqPages(JSON.readTree(script.data()), found);
            } catch (JacksonException e) {
                // broken JSON-LD is common; the visible markup is tried next
            }
        }
        return found;
    }

    private static void collectFaqPages(JsonNode node, List<Extracted> found) {
        if (node == null) {
            return;
        }
        if (node.isArray()) {
            node.forEach(n -> collectFaqPages(n, found));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        collectFaqPages(node.get("@graph"), found);
        if (!hasType(node, "FAQPage")) {
            return;
        }
        JsonNode entities = node.get("mainEntity");
        List<JsonNode> questions = new ArrayList<>();
        if (entities != null && entities.isArray()) {
            entities.forEach(questions::add);
        } else if (entities != null) {
            questions.add(entities);
        }
        for (JsonNode question : questions) {
            JsonNode answer = question.get("acceptedAnswer");
            if (answer != null && answer.isArray() && !answer.isEmpty()) {
                answer = answer.get(0);
            }
            String name = question.path("name").asString("");
            String text = answer == null ? "" : answer.path("text").asString("");
            add(found, name, paragraphs(text));
        }
    }

    private static boolean hasType(JsonNode node, String type) {
        JsonNode types = node.get("@type");
        if (types == null) {
            return false;
        }
        if (types.isArray()) {
            for (JsonNode t : types) {
                if (t.asString("").endsWith(type)) {
                    return true;
                }
            }
            return false;
        }
        return types.asString("").endsWith(type);
    }

    private static List<Extracted> microdata(Document page) {
        List<Extracted> found = new ArrayList<>();
        for (Element faqPage : page.select("[itemscope][itemtype*=schema.org/FAQPage]")) {
            for (Element question : faqPage.select("[itemprop=mainEntity][itemtype*=schema.org/Question]")) {
                Element name = question.selectFirst("[itemprop=name]");
                Element text = question.selectFirst("[itemprop=acceptedAnswer] [itemprop=text]");
                if (name != null && text != null) {
                    add(found, name.text(), text.html());
                }
            }
        }
        return found;
    }

    private static List<Extracted> accordions(Element main) {
        List<Extracted> found = new ArrayList<>();
        for (Element details : main.select("details")) {
            Element summary = details.selectFirst("> summary");
            if (summary == null) {
                continue;
            }
            Element answer = details.clone();
            answer.select("> summary").remove();
            add(found, summary.text(), answer.html());
        }
        return found;
    }

    private static List<Extracted> definitionLists(Element main) {
        List<Extracted> found = new ArrayList<>();
        for (Element list : main.select("dl")) {
            String question = null;
            StringBuilder answer = new StringBuilder();
            for (Element child : list.select("> dt, > dd, > div > dt, > div > dd")) {
                if (child.nameIs("dt")) {
                    if (question != null) {
                        add(found, question, answer.toString());
                    }
                    question = child.text();
                    answer.setLength(0);
                } else {
                    answer.append("<p>").append(child.html()).append("</p>");
                }
            }
            if (question != null) {
                add(found, question, answer.toString());
            }
        }
        return found;
    }

    private static List<Extracted> questionHeadings(Element main) {
        List<Extracted> found = new ArrayList<>();
        for (Element heading : main.select("h2, h3")) {
            String question = heading.text();
            if (!looksLikeAQuestion(question)) {
                continue;
            }
            StringBuilder answer = new StringBuilder();
            for (Element next = heading.nextElementSibling();
                    next != null && !next.nameIs("h1") && !next.nameIs("h2") && !next.nameIs(heading.tagName());
                    next = next.nextElementSibling()) {
                answer.append(next.outerHtml());
            }
            add(found, question, answer.toString());
        }
        return found;
    }

    static boolean looksLikeAQuestion(String heading) {
        String text = heading.strip();
        return text.endsWith("?") || QUESTION_WORDS.matcher(text).matches();
    }

    private static List<Extracted> wholePage(Document page, Element main) {
        Element h1 = main.selectFirst("h1");
        if (h1 == null) {
            h1 = page.selectFirst("h1");
        }
        String title = h1 != null ? h1.text() : page.title().replaceFirst("\\s+[-|–]\\s+[^-|–]+$", "");
        Element content = main.clone();
        content.select("h1").remove();
        List<Extracted> found = new ArrayList<>();
        add(found, title, content.html());
        return found;
    }

    /** The page's main content with navigation, banners and other clutter taken out. */
    static Element mainContent(Document page) {
        Element main = page.selectFirst("main, [role=main], #main-content, #content, article");
        Element content = (main != null ? main : page.body()).clone();
        content.select(CLUTTER).remove();
        return content;
    }

    private static String paragraphs(String text) {
        return text.contains("<") ? text : "<p>" + text + "</p>";
    }

    private static void add(List<Extracted> found, String question, String html) {
        String q = question.replaceAll("\\s+", " ").strip();
        if (q.isEmpty()) {
            return;
        }
        if (q.length() > MAX_QUESTION) {
            q = q.substring(0, MAX_QUESTION - 1).strip() + "…";
        }
        // h2 and h4-h6 are outside the safe subset; as h3 they keep the answer's structure.
        Element body = Jsoup.parseBodyFragment(html).body();
        body.select("h2, h4, h5, h6").tagName("h3");
        String answer = AnswerSanitizer.clean(truncated(body));
        // Cleaning can lengthen text (& becomes &amp;): then only the words are kept, cut to fit the column.
        String text = AnswerSanitizer.plainText(answer);
        while (answer.length() > MAX_ANSWER) {
            text = text.substring(0, text.length() * 4 / 5);
            answer = new Element("p").text(text + "…").outerHtml();
        }
        if (AnswerSanitizer.plainText(answer).isBlank()) {
            return;
        }
        found.add(new Extracted(q, answer));
    }

    /** Whole top-level blocks up to the size an answer may have: a long page is cut between blocks, not mid-tag. */
    private static String truncated(Element body) {
        String html = body.html();
        if (html.length() <= MAX_ANSWER) {
            return html;
        }
        StringBuilder kept = new StringBuilder();
        for (Node child : body.childNodes()) {
            String block = child.outerHtml();
            if (kept.length() + block.length() > MAX_ANSWER) {
                break;
            }
            kept.append(block);
        }
        if (kept.isEmpty()) { // one block bigger than an answer may be: its words, cut
            String text = body.text();
            return new Element("p")
                    .text(text.substring(0, Math.min(text.length(), MAX_ANSWER / 5)))
                    .outerHtml();
        }
        return kept.toString();
    }
}
