package org.councilchat.knowledge.crawl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One host's robots.txt (RFC 9309) as it applies to us: the group for our user agent, or else the {@code *}
 * group; the longest matching Allow or Disallow rule wins, Allow on a tie; {@code *} and {@code $} wildcards;
 * the non-standard Crawl-delay, which many council sites set; and the Sitemap lines, which apply to every agent.
 */
public final class RobotsRules {

    private record Rule(boolean allow, String path, Pattern pattern) {}

    private final List<Rule> rules;
    private final Duration crawlDelay;
    private final List<String> sitemaps;

    private RobotsRules(List<Rule> rules, Duration crawlDelay, List<String> sitemaps) {
        this.rules = List.copyOf(rules);
        this.crawlDelay = crawlDelay;
        this.sitemaps = List.copyOf(sitemaps);
    }

    /** A host with no robots.txt (404): everything may be crawled. */
    public static RobotsRules allowAll() {
        return new RobotsRules(List.of(), null, List.of());
    }

    /** A host whose robots.txt could not be read (5xx, unreachable): as RFC 9309 advises, nothing is crawled. */
    public static RobotsRules disallowAll() {
        return new RobotsRules(List.of(new Rule(false, "/", Pattern.compile("/.*"))), null, List.of());
    }

    public static RobotsRules parse(String text, String userAgent) {
        String agent = userAgent.toLowerCase(Locale.ROOT);
        List<Rule> ours = new ArrayList<>();
        List<Rule> anyone = new ArrayList<>();
        Duration ourDelay = null;
        Duration anyoneDelay = null;
        boolean oursFound = false;
        List<String> sitemaps = new ArrayList<>();

        List<String> groupAgents = new ArrayList<>();
        boolean inRules = false;
        for (String raw : text.split("\r?\n|\r")) {
            String line = raw.replaceFirst("#.*", "").strip();
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String field = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            switch (field) {
                case "user-agent" -> {
                    if (inRules) {
                        groupAgents.clear();
                        inRules = false;
                    }
                    groupAgents.add(value.toLowerCase(Locale.ROOT));
                }
                case "allow", "disallow", "crawl-delay" -> {
                    inRules = true;
                    boolean forUs = groupAgents.stream().anyMatch(a -> !a.equals("*") && agent.contains(a));
                    boolean forAnyone = groupAgents.contains("*");
                    if (forUs) {
                        oursFound = true;
                    }
                    if (!forUs && !forAnyone) {
                        continue;
                    }
                    if (field.equals("crawl-delay")) {
                        Duration delay = delay(value);
                        if (forUs) {
                            ourDelay = delay;
                        } else {
                            anyoneDelay = delay;
                        }
                    } else if (!value.isEmpty()) { // "Disallow:" with no path allows everything
                        Rule rule = new Rule(field.equals("allow"), value, pattern(value));
                        (forUs ? ours : anyone).add(rule);
                    }
                }
                case "sitemap" -> sitemaps.add(value);
                default -> {
                    // other fields (Host, Clean-param, ...) mean nothing to us
                }
            }
        }
        return oursFound ? new RobotsRules(ours, ourDelay, sitemaps) : new RobotsRules(anyone, anyoneDelay, sitemaps);
    }

    private static Duration delay(String value) {
        try {
            double seconds = Double.parseDouble(value);
            return seconds < 0 ? null : Duration.ofMillis(Math.round(seconds * 1000));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Pattern pattern(String path) {
        boolean anchored = path.endsWith("$");
        String body = anchored ? path.substring(0, path.length() - 1) : path;
        StringBuilder regex = new StringBuilder();
        for (String part : body.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex + (anchored ? "" : ".*"), Pattern.DOTALL);
    }

    /** Whether a path (with its query string) may be fetched. */
    public boolean allows(String pathAndQuery) {
        String path = pathAndQuery.isEmpty() ? "/" : pathAndQuery;
        Rule best = null;
        for (Rule rule : rules) {
            if (rule.pattern().matcher(path).matches()
                    && (best == null
                            || rule.path().length() > best.path().length()
                            || rule.path().length() == best.path().length() && rule.allow())) {
                best = rule;
            }
        }
        return best == null || best.allow();
    }

    public Optional<Duration> crawlDelay() {
        return Optional.ofNullable(crawlDelay);
    }

    public List<String> sitemaps() {
        return sitemaps;
    }
}
