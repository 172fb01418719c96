package org.councilchat.webhooks;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.DateSchema;
import io.swagger.v3.oas.models.media.DateTimeSchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MapSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.media.UUIDSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * The events {@link WebhookOutbox} writes, as OpenAPI 3.1 webhooks: what the council's case system receives, so
 * its developers can generate a receiver from the description. Kept beside the outbox that builds the events: a
 * field added there belongs here too.
 */
@Component
class WebhookDocumentation implements OpenApiCustomizer {

    @Override
    public void customise(io.swagger.v3.oas.models.OpenAPI api) {
        api.addWebhooks(
                "case-opened",
                event(
                        "case-opened",
                        "A resident left a message for the contact centre (out of hours, or with nobody free), or"
                                + " disclosed a risk out of hours",
                        new ObjectSchema()
                                .addProperty(
                                        "reference", text("The case's reference, told to the resident", "MSG-7K4Q9X"))
                                .addProperty("conversationId", new UUIDSchema())
                                .addProperty("name", text("What the resident gave as their name", "Jo"))
                                .addProperty("contact", text("Their phone number or e-mail address", "07700 900123"))
                                .addProperty("message", text("What they asked the council to do", "My bin was missed"))
                                .addProperty("language", text("en or cy", "en"))
                                .addProperty("urgent", new BooleanSchema().description("A risk was disclosed"))
                                .addProperty("openedAt", new DateTimeSchema())
                                .addProperty("transcript", text("The chat so far, as plain text", null)),
                        Map.of(
                                "reference", "MSG-7K4Q9X",
                                "conversationId", "4f1d2c9e-8a53-4b7e-9d0f-2b6c1e5a7d34",
                                "name", "Jo",
                                "contact", "07700 900123",
                                "message", "My recycling was not collected on Monday",
                                "language", "en",
                                "urgent", false,
                                "openedAt", "2026-11-23T18:30:00Z",
                                "transcript", "Resident: my recycling was missed\nCouncil Chat: ...")));
        api.addWebhooks(
                "case-closed",
                event(
                        "case-closed",
                        "Staff closed a case",
                        new ObjectSchema()
                                .addProperty("reference", text("The case's reference", "MSG-7K4Q9X"))
                                .addProperty("closedBy", text("The member of staff's name", "Sam Jones"))
                                .addProperty("outcome", text("What they wrote as the outcome", "Crew sent back")),
                        Map.of("reference", "MSG-7K4Q9X", "closedBy", "Sam Jones", "outcome", "Crew sent back")));
        api.addWebhooks(
                "chat-closed",
                event(
                        "chat-closed",
                        "A chat ended: an adviser closed it, or the resident ended it or left",
                        new ObjectSchema()
                                .addProperty("conversationId", new UUIDSchema())
                                .addProperty("language", text("en or cy", "cy"))
                                .addProperty("adviser", text("The adviser's name, if one joined", "Rhys"))
                                .addProperty(
                                        "findings",
                                        new MapSchema()
                                                .additionalProperties(new StringSchema())
                                                .description("What the bot learned: postcode, address, service ..."))
                                .addProperty(
                                        "transcript",
                                        new ArraySchema()
                                                .items(new ObjectSchema()
                                                        .addProperty("seq", new IntegerSchema())
                                                        .addProperty(
                                                                "sender", text("RESIDENT, BOT, AGENT or SYSTEM", null))
                                                        .addProperty("senderName", new StringSchema())
                                                        .addProperty(
                                                                "text", text("As stored: card numbers taken out", null))
                                                        .addProperty(
                                                                "lines", new ArraySchema().items(new StringSchema()))
                                                        .addProperty("sentAt", new DateTimeSchema())
                                                        .addProperty(
                                                                "photo",
                                                                new BooleanSchema()
                                                                        .description("The resident sent a photo, which"
                                                                                + " stays on the chat server")))),
                        Map.of(
                                "conversationId", "4f1d2c9e-8a53-4b7e-9d0f-2b6c1e5a7d34",
                                "language", "en",
                                "adviser", "Sam Jones",
                                "findings", Map.of("postcode", "MB1 1AA", "service", "waste"),
                                "transcript",
                                        List.of(Map.of(
                                                "seq", 1,
                                                "sender", "RESIDENT",
                                                "senderName", "You",
                                                "text", "when is my bin day",
                                                "lines", List.of(),
                                                "sentAt", "2026-11-23T09:00:00Z",
                                                "photo", false)))));
        api.addWebhooks(
                "missed-bin-reported",
                event(
                        "missed-bin-reported",
                        "A missed bin that was due was recorded",
                        new ObjectSchema()
                                .addProperty(
                                        "reference", text("The report's reference, told to the resident", "MB-3F9A2C"))
                                .addProperty("uprn", text("The property's UPRN", "999900000101"))
                                .addProperty("address", text("The property's address", "2 Mill Lane, Millbrook"))
                                .addProperty("bin", text("The bin that was missed", "Recycling"))
                                .addProperty("due", new DateSchema())
                                .addProperty("conversationId", new UUIDSchema()),
                        Map.of(
                                "reference", "MB-3F9A2C",
                                "uprn", "999900000101",
                                "address", "2 Mill Lane, Millbrook",
                                "bin", "Recycling",
                                "due", "2026-11-23",
                                "conversationId", "4f1d2c9e-8a53-4b7e-9d0f-2b6c1e5a7d34")));
    }

    private static PathItem event(String type, String when, Schema<?> data, Map<String, Object> exampleData) {
        Schema<?> envelope = new ObjectSchema()
                .addProperty("id", new UUIDSchema().description("Also in Council-Chat-Delivery: ignore a repeat"))
                .addProperty("type", new StringSchema()._enum(List.of(type)))
                .addProperty("occurredAt", new DateTimeSchema())
                .addProperty("council", text("The council's id in Council Chat", "millbrook"))
                .addProperty("data", data);
        envelope.setRequired(List.of("id", "type", "occurredAt", "council", "data"));
        Map<String, Object> example = Map.of(
                "id", "0b8c6f0e-3d2a-4e55-9b1c-7a6f2e9d8c41",
                "type", type,
                "occurredAt", "2026-11-23T18:30:00Z",
                "council", "millbrook",
                "data", exampleData);
        Operation operation = new Operation()
                .summary(when)
                .description("Sent as a signed POST to each endpoint of council-chat.webhooks.endpoints that wants it"
                        + " and names the event's council. Check Council-Chat-Signature before trusting the body.")
                .addParametersItem(header("Council-Chat-Event", "The event's type", type))
                .addParametersItem(header("Council-Chat-Delivery", "The event's id", example.get("id")))
                .addParametersItem(header(
                        "Council-Chat-Signature",
                        "t=<Unix time>,v1=<hex HMAC-SHA256 of t + \".\" + body, keyed with the endpoint's secret>",
                        "t=1795455000,v1=5d41402abc4b2a76b9719d911017c592"))
                .requestBody(new RequestBody()
                        .required(true)
                        .content(new Content()
                                .addMediaType(
                                        "application/json",
                                        new MediaType()
                                                .schema(envelope)
                                                .addExamples(type, new Example().value(example)))))
                .responses(new ApiResponses()
                        .addApiResponse("2XX", new ApiResponse().description("Delivered"))
                        .addApiResponse(
                                "default",
                                new ApiResponse()
                                        .description("Tried again later, waiting twice as long each time, up to"
                                                + " max-attempts; then kept as failed at /admin/webhooks")));
        return new PathItem().post(operation);
    }

    private static HeaderParameter header(String name, String description, Object example) {
        HeaderParameter header = new HeaderParameter();
        header.name(name)
                .description(description)
                .required(true)
                .schema(new StringSchema())
                .example(example);
        return header;
    }

    private static StringSchema text(String description, String example) {
        StringSchema text = new StringSchema();
        text.description(description);
        if (example != null) {
            text.example(example);
        }
        return text;
    }
}
