package org.councilchat.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.councilchat.journey.StompTestClient.AGENT_EVENTS;
import static org.councilchat.journey.StompTestClient.ERRORS;
import static org.councilchat.journey.StompTestClient.EVENTS;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.GpsDirectory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.councilchat.handoff.ChatRejected;
import org.councilchat.handoff.Conversations;
import org.councilchat.handoff.Handoffs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * A resident sends the adviser a photo (a pothole, fly-tipping, damp) from their phone, over real HTTP into a
 * chat held over real WebSockets, with a clamd stand-in scanning each file over real TCP. What a phone puts in a
 * photo (where it was taken, the camera, the owner's name) is never kept; what is refused says why and keeps
 * nothing; the photo goes with its conversation.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestCouncil.FixedClock.class)
class ResidentPhotoJourneyTests {

    private static final Path PHOTOS = Path.of("src", "test", "resources", "photos");

    private static final ClamdStandIn CLAMD = startClamd();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    private PhotoUpload upload;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Handoffs handoffs;

    @Autowired
    Conversations conversations;

    private final List<StompTestClient> clients = new ArrayList<>();
    private final List<String> chats = new ArrayList<>();

    @DynamicPropertySource
    static void council(DynamicPropertyRegistry registry) {
        TestCouncil.configure(registry);
        registry.add("council-chat.photos.scanner-host", () -> "127.0.0.1");
        registry.add("council-chat.photos.scanner-port", CLAMD::port);
        registry.add("council-chat.photos.scanner-timeout", () -> "3s");
    }

    private static ClamdStandIn startClamd() {
        try {
            return new ClamdStandIn();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeEach
    void uploadsToThisServer() {
        upload = new PhotoUpload(port);
    }

    @AfterEach
    void hangUp() {
        CLAMD.repair();
        for (String chat : chats) {
            try {
                handoffs.close(chat, () -> "agent", "RESOLVED");
            } catch (ChatRejected alreadyGone) {
                // Ended, or deleted by the test.
            }
        }
        clients.forEach(StompTestClient::close);
    }

    @AfterAll
    static void stopClamd() throws IOException {
        CLAMD.close();
    }

    @Test
    void aPhotoReachesTheAdviserUprightWithoutWhereItWasTakenAndGoesWithTheConversation() throws Exception {
        byte[] original = Files.readAllBytes(PHOTOS.resolve("pothole-with-location.jpg"));
        assertThat(tagsOf(original))
                .as("the test photo carries what a phone adds")
                .contains("GPS", "Exif IFD0");

        // With the bot there is nobody to show it to.
        StompTestClient resident = track(StompTestClient.resident(port, null));
        Map<String, Object> welcome = resident.awaitEvent(EVENTS, "welcome", e -> true);
        String token = (String) welcome.get("resumeToken");
        assertThat(welcome.get("photoMaxBytes")).isEqualTo(10 * 1024 * 1024);
        assertThat(error(sendPhoto(token, "p-0", original, "pothole.jpg"))).isEqualTo("photo-needs-a-person");

        Chat chat = withAnAdviser(resident, token);
        int scannedBefore = CLAMD.scanned();
        HttpResponse<String> sent = sendPhoto(chat.token(), "p-1", original, "pothole.jpg");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        Map<String, Object> stored = JSON.readValue(sent.body(), Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> photo = (Map<String, Object>) stored.get("photo");
        assertThat(photo)
                .as("turned the way the phone said to show it: 300 wide, 400 high")
                .containsEntry("width", 300)
                .containsEntry("height", 400);
        assertThat(stored).containsEntry("sender", "RESIDENT").containsEntry("text", "Sent a photo");
        assertThat(CLAMD.scanned()).as("scanned before it was kept").isEqualTo(scannedBefore + 1);
        String id = (String) photo.get("id");
        assertThat(id).matches("[A-Za-z0-9_-]{43}");

        // Both sides get it live, as a message of the resident's.
        assertThat(resident.awaitEvent(EVENTS, "message", e -> "p-1".equals(e.get("clientMessageId"))))
                .containsKey("photo");
        assertThat(chat.agent().awaitEvent(AGENT_EVENTS, "message", e -> e.get("photo") != null))
                .containsEntry("conversationId", chat.conversationId());

        // What is kept: the picture alone, the right way up (red on top), and not one tag of the original.
        HttpResponse<byte[]> shown = get("/webchat/v1/photos/" + id, null);
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(tagsOf(shown.body()))
                .as("the directories metadata-extractor finds in the stored JPEG")
                .doesNotContain("GPS", "Exif IFD0", "Exif SubIFD", "XMP", "IPTC");
        assertThat(new String(shown.body(), StandardCharsets.ISO_8859_1)).doesNotContain("Phone Maker", "A Resident");
        BufferedImage kept = ImageIO.read(new ByteArrayInputStream(shown.body()));
        assertThat(kept.getWidth()).isEqualTo(300);
        assertThat(kept.getHeight()).isEqualTo(400);
        assertThat(red(kept.getRGB(150, 20))).as("the top, red").isGreaterThan(150);
        assertThat(blue(kept.getRGB(150, 380))).as("the bottom, blue").isGreaterThan(150);

        // The adviser sees it; an adviser of another council, or someone not signed in, does not.
        assertThat(get("/agent/photos/" + id, "agent:agent-demo").statusCode()).isEqualTo(200);
        assertThat(get("/agent/photos/" + id, "agent3:agent-demo").statusCode())
                .as("Rhys serves Glanafon only")
                .isEqualTo(404);
        assertThat(get("/agent/photos/" + id, null).statusCode()).isIn(302, 401);
        assertThat(get("/webchat/v1/photos/" + id.substring(1) + "A", null).statusCode())
                .isEqualTo(404);

        // The widget sends again when an answer was lost: one photo, one message.
        HttpResponse<String> again = sendPhoto(chat.token(), "p-1", original, "pothole.jpg");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(JSON.readValue(again.body(), Map.class).get("seq")).isEqualTo(stored.get("seq"));
        assertThat(photosIn(chat.conversationId())).isEqualTo(1);

        // The retention purge deletes the conversation, and its photo with it.
        conversations.forgetIdleSince(TestCouncil.MONDAY_23_NOVEMBER_9AM.plus(Duration.ofDays(1)));
        assertThat(photosIn(chat.conversationId())).isZero();
        assertThat(get("/webchat/v1/photos/" + id, null).statusCode()).isEqualTo(404);
    }

    @Test
    void anIphonesHeicPhotoArrivesAsAJpegWithoutWhereItWasTaken() throws Exception {
        byte[] heic = Files.readAllBytes(PHOTOS.resolve("pothole-with-location.heic"));
        assertThat(new String(heic, 4, 8, StandardCharsets.US_ASCII)).isEqualTo("ftypheic");
        Chat chat = withAnAdviser();

        HttpResponse<String> sent = sendPhoto(chat.token(), "h-1", heic, "IMG_0001.HEIC");

        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        @SuppressWarnings("unchecked")
        Map<String, Object> photo =
                (Map<String, Object>) JSON.readValue(sent.body(), Map.class).get("photo");
        assertThat(photo).containsEntry("width", 400).containsEntry("height", 300);
        byte[] kept = get("/webchat/v1/photos/" + photo.get("id"), null).body();
        assertThat(kept[0] & 0xff).isEqualTo(0xff);
        assertThat(kept[1] & 0xff).as("a JPEG").isEqualTo(0xd8);
        assertThat(tagsOf(kept)).doesNotContain("GPS", "Exif IFD0");
    }

    @Test
    void aPhotoThatCannotBeTakenSaysWhyAndNothingIsKept() throws Exception {
        Chat chat = withAnAdviser();
        String token = chat.token();

        assertThat(error(sendPhoto(token, "x-1", tooBig(), "huge.jpg"))).isEqualTo("photo-too-big");
        assertThat(error(sendPhoto(token, "x-2", "%PDF-1.7 a letter".getBytes(StandardCharsets.US_ASCII), "bill.pdf")))
                .isEqualTo("photo-not-an-image");
        assertThat(error(sendPhoto(token, "x-3", damagedJpeg(), "damp.jpg"))).isEqualTo("photo-unreadable");
        assertThat(error(sendPhoto(token, "x-4", pngClaiming(100_000, 100_000), "bomb.png")))
                .as("a small file claiming ten billion pixels is refused before it is decoded")
                .isEqualTo("photo-too-many-pixels");
        assertThat(error(sendPhoto(token, "x-5", ClamdStandIn.EICAR.getBytes(StandardCharsets.US_ASCII), "a.jpg")))
                .isEqualTo("photo-infected");
        CLAMD.breakDown();
        HttpResponse<String> unchecked = sendPhoto(token, "x-6", smallPng(), "tip.png");
        assertThat(unchecked.statusCode()).isEqualTo(503);
        assertThat(error(unchecked)).as("no verdict, no photo").isEqualTo("photo-not-checked");
        CLAMD.repair();

        // Not this resident's chat, or not this council's site.
        assertThat(error(sendPhoto("A".repeat(43), "x-7", smallPng(), "tip.png")))
                .isEqualTo("no-conversation");
        HttpResponse<String> elsewhere =
                send(token, "millbrook", "x-8", smallPng(), "tip.png", "https://www.not-a-council.example");
        assertThat(elsewhere.statusCode()).isEqualTo(403);
        assertThat(elsewhere.headers().firstValue("Access-Control-Allow-Origin"))
                .isEmpty();

        assertThat(photosIn(chat.conversationId())).isZero();
        assertThat(conversations.transcriptAfter(chat.conversationId(), 0))
                .noneMatch(message -> message.photo() != null);
    }

    @Test
    void aCouncilsOwnSiteCanReadTheAnswerAndAFloodOfPhotosIsHeldBack() throws Exception {
        Chat chat = withAnAdviser();
        HttpResponse<String> fromTheCouncilSite =
                send(chat.token(), "millbrook", "f-0", smallPng(), "tip.png", "https://www.millbrook.example");
        assertThat(fromTheCouncilSite.statusCode()).isEqualTo(201);
        assertThat(fromTheCouncilSite.headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue("https://www.millbrook.example");

        for (int i = 1; i < 10; i++) {
            assertThat(sendPhoto(chat.token(), "f-" + i, smallPng(), "tip.png").statusCode())
                    .isEqualTo(201);
        }
        HttpResponse<String> eleventh = sendPhoto(chat.token(), "f-10", smallPng(), "tip.png");
        assertThat(eleventh.statusCode()).isEqualTo(429);
        assertThat(error(eleventh)).isEqualTo("photo-too-many");
        assertThat(photosIn(chat.conversationId())).isEqualTo(10);
    }

    private record Chat(String conversationId, String token, StompTestClient agent) {}

    private Chat withAnAdviser() {
        StompTestClient resident = track(StompTestClient.resident(port, null));
        return withAnAdviser(resident, (String)
                resident.awaitEvent(EVENTS, "welcome", e -> true).get("resumeToken"));
    }

    private Chat withAnAdviser(StompTestClient resident, String token) {
        resident.send("/app/resident/message", Map.of("text", "I want to speak to a person"));
        String conversationId = (String) resident.awaitEvent(EVENTS, "status", e -> "WAITING".equals(e.get("state")))
                .get("conversationId");
        chats.add(conversationId);
        StompTestClient agent = track(StompTestClient.agent(port, "agent", "agent-demo", AGENT_EVENTS, ERRORS));
        agent.send("/app/agent/accept", Map.of("conversationId", conversationId));
        resident.awaitEvent(EVENTS, "status", e -> "WITH_AGENT".equals(e.get("state")));
        return new Chat(conversationId, token, agent);
    }

    private StompTestClient track(StompTestClient client) {
        clients.add(client);
        return client;
    }

    private HttpResponse<String> sendPhoto(String token, String clientMessageId, byte[] file, String filename) {
        return upload.send(token, clientMessageId, file, filename);
    }

    private HttpResponse<String> send(
            String token, String council, String clientMessageId, byte[] file, String filename, String origin) {
        return upload.send(token, council, clientMessageId, file, filename, origin);
    }

    private HttpResponse<byte[]> get(String path, String basicAuth) {
        return upload.get(path, basicAuth);
    }

    private static String error(HttpResponse<String> refused) {
        return PhotoUpload.error(refused);
    }

    private int photosIn(String conversationId) {
        return jdbc.sql("SELECT COUNT(*) FROM chat_photo WHERE conversation_id = ?")
                .param(conversationId)
                .query(Integer.class)
                .single();
    }

    /** The names of the metadata directories metadata-extractor finds ("GPS", "Exif IFD0", ...). */
    private static List<String> tagsOf(byte[] image) throws Exception {
        Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(image));
        List<String> names = StreamSupport.stream(metadata.getDirectories().spliterator(), false)
                .map(Directory::getName)
                .toList();
        if (metadata.getFirstDirectoryOfType(GpsDirectory.class) != null
                || metadata.getFirstDirectoryOfType(ExifIFD0Directory.class) != null) {
            assertThat(names).isNotEmpty();
        }
        return names;
    }

    private static int red(int rgb) {
        return (rgb >> 16) & 0xff;
    }

    private static int blue(int rgb) {
        return rgb & 0xff;
    }

    /** A JPEG's first bytes, then the limit's worth of nothing: over 10 MB. */
    private static byte[] tooBig() {
        byte[] file = new byte[10 * 1024 * 1024 + 1];
        file[0] = (byte) 0xff;
        file[1] = (byte) 0xd8;
        file[2] = (byte) 0xff;
        return file;
    }

    private static byte[] damagedJpeg() throws IOException {
        byte[] whole = Files.readAllBytes(PHOTOS.resolve("pothole-with-location.jpg"));
        byte[] damaged = java.util.Arrays.copyOf(whole, 40);
        return damaged;
    }

    private static byte[] smallPng() {
        return PhotoUpload.smallPng();
    }

    /** A PNG's signature and header chunk claiming this size, and no picture data at all. */
    private static byte[] pngClaiming(int width, int height) {
        ByteBuffer header = ByteBuffer.allocate(13)
                .putInt(width)
                .putInt(height)
                .put((byte) 8)
                .put((byte) 2)
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 0);
        byte[] type = "IHDR".getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(type);
        crc.update(header.array());
        return ByteBuffer.allocate(8 + 4 + 4 + 13 + 4)
                .put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a})
                .putInt(13)
                .put(type)
                .put(header.array())
                .putInt((int) crc.getValue())
                .array();
    }
}
