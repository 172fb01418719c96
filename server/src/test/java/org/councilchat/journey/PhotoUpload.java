package org.councilchat.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import tools.jackson.databind.json.JsonMapper;

/** A resident's photo posted as the widget posts it: a multipart form from the council's page, over real HTTP. */
final class PhotoUpload {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final int port;

    PhotoUpload(int port) {
        this.port = port;
    }

    /** From the server's own origin, to Millbrook's widget. */
    HttpResponse<String> send(String token, String clientMessageId, byte[] file, String filename) {
        return send(token, "millbrook", clientMessageId, file, filename, "http://localhost:" + port);
    }

    HttpResponse<String> send(
            String token, String council, String clientMessageId, byte[] file, String filename, String origin) {
        String boundary = "----photo" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (var field : Map.of("token", token, "council", council, "clientMessageId", clientMessageId)
                .entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                            + "\"\r\n\r\n" + field.getValue() + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"" + filename
                        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webchat/v1/photos"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Origin", origin)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("Could not send the photo", e);
        }
    }

    /** A staff page or photo, signed in as {@code basicAuth} ("user:password"), or not signed in when null. */
    HttpResponse<byte[]> get(String path, String basicAuth) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (basicAuth != null) {
            request.header(
                    "Authorization",
                    "Basic "
                            + java.util.Base64.getEncoder().encodeToString(basicAuth.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("Could not fetch " + path, e);
        }
    }

    /** A 64 by 48 PNG, as a phone's screenshot might be. */
    static byte[] smallPng() {
        BufferedImage tip = new BufferedImage(64, 48, BufferedImage.TYPE_INT_ARGB);
        tip.setRGB(10, 10, 0xff00ff00);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(tip, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }

    /** The stored message the answer carries. */
    static Map<String, Object> stored(HttpResponse<String> sent) {
        assertThat(sent.statusCode()).as(sent.body()).isIn(200, 201);
        @SuppressWarnings("unchecked")
        Map<String, Object> message = JSON.readValue(sent.body(), Map.class);
        return message;
    }

    /** The refusal's code. */
    static String error(HttpResponse<String> refused) {
        assertThat(refused.statusCode()).as(refused.body()).isGreaterThanOrEqualTo(400);
        return (String) JSON.readValue(refused.body(), Map.class).get("error");
    }
}
