package org.councilchat.councils;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The councils this deployment serves ({@code council-chat.councils}). None listed: one council, {@code default},
 * as a single-council deployment always was; its name and web sites are then set here too, as the only entry.
 *
 * @param councils each council; the first is the one a widget that names none belongs to
 */
@ConfigurationProperties("council-chat")
public record CouncilsProperties(@DefaultValue List<Council> councils) {}
