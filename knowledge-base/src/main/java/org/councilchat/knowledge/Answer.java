package org.councilchat.knowledge;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.councilchat.knowledge.faq.AnswerLayout;

/**
 * An FAQ answer as the editor wrote it: its headings, paragraphs, lists and tables in order, with links in
 * place, as a small typed document rather than HTML. Every page that shows an answer (the widget, the editor's
 * preview, the agent console, the transcript a resident saves) builds it from these parts with the browser's
 * DOM calls, so none of them parses HTML and all of them show the same thing.
 *
 * <p>Made only from HTML that {@code AnswerSanitizer} has cleaned, so a link is {@code https:}, {@code mailto:}
 * or {@code tel:} and nothing in it can run in a resident's browser.
 *
 * @param source the council page the answer comes from, or null when the editor gave none
 */
public record Answer(List<Block> blocks, Source source) {

    public Answer {
        blocks = List.copyOf(blocks);
    }

    /**
     * The answer of sanitised FAQ HTML, with its source page.
     *
     * @param title what the source link says (the FAQ's question: what the page is about, in the resident's words)
     */
    public static Answer of(String sanitisedHtml, String title, String sourceUrl) {
        return new Answer(AnswerLayout.blocks(sanitisedHtml), Source.of(title, sourceUrl));
    }

    /**
     * The answer as plain text, keeping its shape: a line per heading, paragraph, list item ("- ") and table row
     * (cells between " | "), a link's address after its words. For a transcript, an e-mail or a channel without
     * HTML.
     */
    public String plainText() {
        return AnswerLayout.plainText(this);
    }

    /** One part of an answer, in the order the editor wrote it. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Heading.class, name = "heading"),
        @JsonSubTypes.Type(value = Paragraph.class, name = "paragraph"),
        @JsonSubTypes.Type(value = Items.class, name = "list"),
        @JsonSubTypes.Type(value = Table.class, name = "table")
    })
    public sealed interface Block permits Heading, Paragraph, Items, Table {}

    /** A heading over the blocks that follow it (a bin, a library, a way to pay). */
    public record Heading(List<Span> text) implements Block {
        public Heading {
            text = List.copyOf(text);
        }
    }

    public record Paragraph(List<Span> text) implements Block {
        public Paragraph {
            text = List.copyOf(text);
        }
    }

    /** A bulleted or, when {@code numbered}, a numbered list (steps to follow). */
    public record Items(boolean numbered, List<List<Span>> items) implements Block {
        public Items {
            items = items.stream().map(List::copyOf).toList();
        }
    }

    /** A simple table (opening hours, charges); a cell of the first row or column may be a header. */
    public record Table(String caption, List<Row> rows) implements Block {
        public Table {
            rows = List.copyOf(rows);
        }
    }

    public record Row(List<Cell> cells) {
        public Row {
            cells = List.copyOf(cells);
        }
    }

    public record Cell(boolean header, List<Span> text) {
        public Cell {
            text = List.copyOf(text);
        }
    }

    /**
     * A run of words with one look: plain, strong or emphasised, and a link when {@code href} is given
     * ({@code https:}, {@code mailto:} or {@code tel:}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Span(String text, String href, boolean strong, boolean emphasis) {

        public static Span plain(String text) {
            return new Span(text, null, false, false);
        }
    }

    /**
     * The council page an answer comes from; {@code site} is its host without "www." ("millbrook.example"),
     * so a resident can see whose page it is before following it.
     */
    public record Source(String title, String url, String site) {

        static Source of(String title, String url) {
            if (url == null || url.isBlank()) {
                return null;
            }
            URI page;
            try {
                page = URI.create(url.strip());
            } catch (IllegalArgumentException e) {
                return null; // not a page a resident could open: better no source than a broken one
            }
            String scheme = page.getScheme() == null ? "" : page.getScheme().toLowerCase(Locale.ROOT);
            if (page.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
                return null;
            }
            // As for links in answers: the council's pages answer on HTTPS and a browser would warn about http:.
            String https = scheme.equals("http") ? "https" + url.strip().substring(4) : url.strip();
            String site = page.getHost().toLowerCase(Locale.ROOT);
            return new Source(title, https, site.startsWith("www.") ? site.substring(4) : site);
        }
    }
}
