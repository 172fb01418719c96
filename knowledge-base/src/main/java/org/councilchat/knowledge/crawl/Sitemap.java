package org.councilchat.knowledge.crawl;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/** A sitemap.xml (sitemaps.org): the pages it lists, or, for a sitemap index, the sitemaps it lists. */
public record Sitemap(List<URI> pages, List<URI> sitemaps) {

    public static Sitemap parse(byte[] xml, URI url) {
        Document document;
        try {
            document = Jsoup.parse(new ByteArrayInputStream(xml), null, url.toString(), Parser.xmlParser());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<URI> pages = new ArrayList<>();
        List<URI> sitemaps = new ArrayList<>();
        for (Element loc : document.select("loc")) {
            try {
                URI location = url.resolve(loc.text().strip());
                Element parent = loc.parent();
                (parent != null && parent.nameIs("sitemap") ? sitemaps : pages).add(location);
            } catch (IllegalArgumentException e) {
                // a malformed entry: the rest of the sitemap still counts
            }
        }
        return new Sitemap(List.copyOf(pages), List.copyOf(sitemaps));
    }
}
