package org.councilchat.councils;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Every council this deployment serves, from configuration. Checked at start-up: two councils with one id, or two
 * claiming one web site, stop the server with the reason, because either would let one council's residents into
 * another's chats.
 */
@Service
public class Councils {

    private final Map<String, Council> byId = new LinkedHashMap<>();

    public Councils(CouncilsProperties properties) {
        List<Council> listed = properties.councils().isEmpty() ? List.of(Council.onlyCouncil()) : properties.councils();
        Map<String, String> originOwners = new LinkedHashMap<>();
        for (Council council : listed) {
            if (byId.putIfAbsent(council.id(), council) != null) {
                throw new IllegalStateException(
                        "Two councils have the id '" + council.id() + "' in council-chat.councils: each needs its own");
            }
            for (String origin : council.origins()) {
                String owner = originOwners.putIfAbsent(origin, council.id());
                if (owner != null) {
                    throw new IllegalStateException("Councils '" + owner + "' and '" + council.id() + "' both list "
                            + origin + ": a page can belong to one council only");
                }
            }
        }
        for (Council council : listed) {
            council.servicesFrom().forEach((service, provider) -> {
                if (!byId.containsKey(provider) || provider.equals(council.id())) {
                    throw new IllegalStateException("Council '" + council.id() + "' has " + service + " from '"
                            + provider + "', which is not another council in council-chat.councils " + byId.keySet());
                }
            });
        }
    }

    /** Every council, in configuration order. */
    public List<Council> all() {
        return List.copyOf(byId.values());
    }

    /**
     * The councils with these ids, in configuration order: those a member of staff works for, as every staff
     * page lists them. Ids no council has are left out.
     */
    public List<Council> among(Collection<String> ids) {
        return byId.values().stream()
                .filter(council -> ids.contains(council.id()))
                .toList();
    }

    public Set<String> ids() {
        return new LinkedHashSet<>(byId.keySet());
    }

    /** The council a widget that names none belongs to: the first listed. */
    public Council byDefault() {
        return byId.values().iterator().next();
    }

    public Optional<Council> find(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    /** The council a stored chat or case names, listed or not (see {@link Council#unlisted}). */
    public Council of(String id) {
        return find(id).orElseGet(() -> Council.unlisted(id));
    }

    /** True when this deployment serves more than one council: only then do staff pages name the council. */
    public boolean several() {
        return byId.size() > 1;
    }

    /** Every web site any council's widget may be embedded on (the handshake checks the council's own list). */
    public List<String> allOrigins() {
        return byId.values().stream()
                .flatMap(council -> council.origins().stream())
                .toList();
    }
}
