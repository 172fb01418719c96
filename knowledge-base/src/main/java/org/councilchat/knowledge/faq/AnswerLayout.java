package org.councilchat.knowledge.faq;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.councilchat.knowledge.Answer;
import org.councilchat.knowledge.Answer.Block;
import org.councilchat.knowledge.Answer.Cell;
import org.councilchat.knowledge.Answer.Heading;
import org.councilchat.knowledge.Answer.Items;
import org.councilchat.knowledge.Answer.Paragraph;
import org.councilchat.knowledge.Answer.Row;
import org.councilchat.knowledge.Answer.Span;
import org.councilchat.knowledge.Answer.Table;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Reads sanitised answer HTML into an {@link Answer}'s blocks, and writes an answer back out as plain text.
 * It knows only the tags {@link AnswerSanitizer} keeps; words outside any block (an answer typed without
 * {@code <p>}) become a paragraph of their own, so nothing the editor wrote is dropped.
 */
public final class AnswerLayout {

    private AnswerLayout() {}

    public static List<Block> blocks(String sanitisedHtml) {
        Element body = Jsoup.parseBodyFragment(sanitisedHtml == null ? "" : sanitisedHtml)
                .body();
        List<Block> blocks = new ArrayList<>();
        List<Node> loose = new ArrayList<>();
        for (Node node : body.childNodes()) {
            Block block = node instanceof Element element ? block(element) : null;
            if (block == null) {
                loose.add(node);
                continue;
            }
            paragraphOf(loose).ifPresent(blocks::add);
            loose.clear();
            blocks.add(block);
        }
        paragraphOf(loose).ifPresent(blocks::add);
        return blocks;
    }

    private static Block block(Element element) {
        return switch (element.normalName()) {
            case "h2", "h3", "h4", "h5", "h6" -> new Heading(spans(element.childNodes()));
            case "p" -> new Paragraph(spans(element.childNodes()));
            case "ul", "ol" -> items(element);
            case "table" -> table(element);
            default -> null; // inline (a, strong, em): part of a paragraph the editor did not mark
        };
    }

    private static Optional<Block> paragraphOf(List<Node> loose) {
        List<Span> text = spans(loose);
        return text.isEmpty() ? Optional.empty() : Optional.of(new Paragraph(text));
    }

    /** A list's items; a list inside an item carries on as items of its own, after the item it is in. */
    private static Items items(Element list) {
        List<List<Span>> items = new ArrayList<>();
        collectItems(list, items);
        return new Items(list.normalName().equals("ol"), items);
    }

    private static void collectItems(Element list, List<List<Span>> items) {
        for (Element item : list.children()) {
            List<Node> words = new ArrayList<>();
            List<Element> inner = new ArrayList<>();
            for (Node node : item.childNodes()) {
                if (node instanceof Element element && element.is("ul, ol")) {
                    inner.add(element);
                } else {
                    words.add(node);
                }
            }
            List<Span> text = spans(words);
            if (!text.isEmpty()) {
                items.add(text);
            }
            inner.forEach(nested -> collectItems(nested, items));
        }
    }

    private static Table table(Element table) {
        Element caption = table.selectFirst("caption");
        List<Row> rows = new ArrayList<>();
        for (Element row : table.select("tr")) {
            List<Cell> cells = new ArrayList<>();
            for (Element cell : row.children()) {
                if (cell.is("th, td")) {
                    cells.add(new Cell(cell.is("th"), spans(cell.childNodes())));
                }
            }
            if (!cells.isEmpty()) {
                rows.add(new Row(cells));
            }
        }
        return new Table(caption == null ? null : caption.text().strip(), rows);
    }

    /** The words of some nodes as runs of one look each, with the block's leading and trailing space trimmed. */
    private static List<Span> spans(List<Node> nodes) {
        List<Span> spans = new ArrayList<>();
        nodes.forEach(node -> collect(node, null, false, false, spans));
        trimEnds(spans);
        return spans;
    }

    private static void collect(Node node, String href, boolean strong, boolean emphasis, List<Span> into) {
        if (node instanceof TextNode text) {
            add(into, new Span(text.text(), href, strong, emphasis));
            return;
        }
        if (!(node instanceof Element element)) {
            return;
        }
        String link = element.is("a[href]") ? element.attr("href").strip() : href;
        boolean bold = strong || element.is("strong, b");
        boolean italic = emphasis || element.is("em, i");
        if (element.is("br")) {
            add(into, new Span(" ", href, strong, emphasis));
        }
        element.childNodes().forEach(child -> collect(child, link, bold, italic, into));
    }

    /** Joins a run to the one before it when they look alike, so "Call " + "us" is one span. */
    private static void add(List<Span> into, Span span) {
        if (span.text().isEmpty()) {
            return;
        }
        if (!into.isEmpty()) {
            Span last = into.getLast();
            boolean alike = Objects.equals(last.href(), span.href())
                    && last.strong() == span.strong()
                    && last.emphasis() == span.emphasis();
            if (alike) {
                String joined = last.text() + span.text();
                into.set(
                        into.size() - 1,
                        new Span(joined.replaceAll(" {2,}", " "), span.href(), span.strong(), span.emphasis()));
                return;
            }
            if (last.text().endsWith(" ") && span.text().startsWith(" ")) {
                span = new Span(span.text().substring(1), span.href(), span.strong(), span.emphasis());
            }
        }
        if (!span.text().isEmpty()) {
            into.add(span);
        }
    }

    private static void trimEnds(List<Span> spans) {
        while (!spans.isEmpty() && spans.getFirst().text().isBlank()) {
            spans.removeFirst();
        }
        while (!spans.isEmpty() && spans.getLast().text().isBlank()) {
            spans.removeLast();
        }
        if (spans.isEmpty()) {
            return;
        }
        Span first = spans.getFirst();
        spans.set(0, new Span(first.text().stripLeading(), first.href(), first.strong(), first.emphasis()));
        Span last = spans.getLast();
        spans.set(spans.size() - 1, new Span(last.text().stripTrailing(), last.href(), last.strong(), last.emphasis()));
    }

    public static String plainText(Answer answer) {
        List<String> lines = new ArrayList<>();
        for (Block block : answer.blocks()) {
            switch (block) {
                case Heading heading -> lines.add(text(heading.text()));
                case Paragraph paragraph -> lines.add(text(paragraph.text()));
                case Items list -> {
                    int n = 0;
                    for (List<Span> item : list.items()) {
                        lines.add((list.numbered() ? ++n + ". " : "- ") + text(item));
                    }
                }
                case Table table -> {
                    if (table.caption() != null && !table.caption().isBlank()) {
                        lines.add(table.caption());
                    }
                    for (Row row : table.rows()) {
                        lines.add(String.join(
                                " | ",
                                row.cells().stream()
                                        .map(cell -> text(cell.text()))
                                        .toList()));
                    }
                }
            }
        }
        if (answer.source() != null) {
            lines.add(answer.source().title() + ": " + answer.source().url());
        }
        return String.join("\n", lines);
    }

    /** Words as a reader without links would need them: a link's address after its words, unless they are it. */
    private static String text(List<Span> spans) {
        StringBuilder text = new StringBuilder();
        for (Span span : spans) {
            text.append(span.text());
            if (span.href() != null && !span.text().strip().equals(span.href().replaceFirst("^(mailto|tel):", ""))) {
                text.append(" (")
                        .append(span.href().replaceFirst("^(mailto|tel):", ""))
                        .append(')');
            }
        }
        return text.toString();
    }
}
