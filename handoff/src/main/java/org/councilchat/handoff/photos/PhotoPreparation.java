package org.councilchat.handoff.photos;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.metadata.MetadataException;
import com.drew.metadata.exif.ExifIFD0Directory;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.councilchat.handoff.ChatRejected;
import org.councilchat.handoff.PhotoProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns what a resident's phone sent into the JPEG we keep: JPEG, PNG or HEIC in; out, the picture alone, the
 * right way up, at most {@code longest-side} pixels across, re-encoded so that nothing of the original file survives
 * (its location, camera, times, names, thumbnails; and anything hidden after the picture data). The picture is only
 * decoded once its size in pixels is known to be sensible.
 */
@Component
public class PhotoPreparation {

    private static final Logger log = LoggerFactory.getLogger(PhotoPreparation.class);

    /** ISO base media "ftyp" brands of HEIF stills (HEIC is HEIF with HEVC pictures). */
    private static final Set<String> HEIF_BRANDS =
            Set.of("heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs", "mif1", "msf1");

    private static final float QUALITY = 0.85f;

    private final PhotoProperties properties;

    PhotoPreparation(PhotoProperties properties) {
        this.properties = properties;
    }

    /** The stored form of a photo. */
    public record Prepared(byte[] jpeg, int width, int height) {}

    /**
     * @throws ChatRejected photo-not-an-image (not JPEG, PNG or HEIC), photo-unreadable (damaged, or a kind of JPEG
     *     Java cannot decode), photo-too-many-pixels, photo-heic-unsupported (no converter installed)
     */
    public Prepared prepare(byte[] upload) {
        return switch (kindOf(upload)) {
            case JPEG -> encode(decode(upload), orientation(upload));
            case PNG -> encode(decode(upload), 1);
            // libheif applies HEIF's own rotation as it converts, so the EXIF orientation it copies is not applied
            // again.
            case HEIC -> encode(decode(fromHeic(upload)), 1);
            case OTHER -> throw new ChatRejected("photo-not-an-image");
        };
    }

    private enum Kind {
        JPEG,
        PNG,
        HEIC,
        OTHER
    }

    /** By the file's first bytes, never its name or the type the browser claimed. */
    private static Kind kindOf(byte[] file) {
        if (file.length > 3 && (file[0] & 0xff) == 0xff && (file[1] & 0xff) == 0xd8 && (file[2] & 0xff) == 0xff) {
            return Kind.JPEG;
        }
        if (file.length > 8
                && (file[0] & 0xff) == 0x89
                && new String(file, 1, 3, StandardCharsets.US_ASCII).equals("PNG")) {
            return Kind.PNG;
        }
        if (file.length > 12
                && new String(file, 4, 4, StandardCharsets.US_ASCII).equals("ftyp")
                && HEIF_BRANDS.contains(new String(file, 8, 4, StandardCharsets.US_ASCII))) {
            return Kind.HEIC;
        }
        return Kind.OTHER;
    }

    private BufferedImage decode(byte[] file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(file))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new ChatRejected("photo-unreadable");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > properties.maxPixels()) {
                    throw new ChatRejected("photo-too-many-pixels");
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (ChatRejected rejected) {
            throw rejected;
        } catch (IOException | RuntimeException unreadable) {
            // A damaged file, a CMYK JPEG, a truncated upload: the resident is asked for another.
            throw new ChatRejected("photo-unreadable");
        }
    }

    /** EXIF's orientation (1 to 8), read before every tag is dropped: phones store pictures sideways and say so. */
    private static int orientation(byte[] jpeg) {
        try {
            ExifIFD0Directory exif = ImageMetadataReader.readMetadata(new ByteArrayInputStream(jpeg))
                    .getFirstDirectoryOfType(ExifIFD0Directory.class);
            if (exif != null && exif.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                int orientation = exif.getInt(ExifIFD0Directory.TAG_ORIENTATION);
                return orientation >= 1 && orientation <= 8 ? orientation : 1;
            }
        } catch (ImageProcessingException | MetadataException | IOException | RuntimeException broken) {
            // Broken metadata leaves the picture as it is stored.
        }
        return 1;
    }

    /** Upright, scaled, on white (a transparent PNG has no black background), re-encoded with no metadata at all. */
    private Prepared encode(BufferedImage picture, int orientation) {
        boolean sideways = orientation >= 5;
        int storedWidth = picture.getWidth();
        int storedHeight = picture.getHeight();
        double scale = Math.min(1.0, (double) properties.longestSide() / Math.max(storedWidth, storedHeight));
        int width = Math.max(1, (int) Math.round((sideways ? storedHeight : storedWidth) * scale));
        int height = Math.max(1, (int) Math.round((sideways ? storedWidth : storedHeight) * scale));

        BufferedImage upright = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = upright.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            AffineTransform turn = toUpright(orientation, width, height);
            turn.scale(scale, scale);
            g.drawImage(picture, turn, null);
        } finally {
            g.dispose();
        }

        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(jpeg)) {
            writer.setOutput(out);
            ImageWriteParam quality = writer.getDefaultWriteParam();
            quality.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            quality.setCompressionQuality(QUALITY);
            // No metadata given: the writer adds only its own JFIF header.
            writer.write(null, new IIOImage(upright, null, null), quality);
        } catch (IOException e) {
            throw new IllegalStateException("Could not write a JPEG in memory", e);
        } finally {
            writer.dispose();
        }
        return new Prepared(jpeg.toByteArray(), width, height);
    }

    /**
     * Maps the stored picture (already scaled) onto the upright canvas of {@code width} x {@code height}, for each
     * EXIF orientation: 2 mirrored, 3 upside down, 4 mirrored upside down, 5 to 8 the same turned a quarter.
     */
    private static AffineTransform toUpright(int orientation, int width, int height) {
        return switch (orientation) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, width, 0);
            case 3 -> new AffineTransform(-1, 0, 0, -1, width, height);
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, height);
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);
            case 6 -> new AffineTransform(0, 1, -1, 0, width, 0);
            case 7 -> new AffineTransform(0, -1, -1, 0, width, height);
            case 8 -> new AffineTransform(0, -1, 1, 0, 0, height);
            default -> new AffineTransform();
        };
    }

    /** libheif's converter, in a directory of its own that goes when it is done. */
    private byte[] fromHeic(byte[] heic) {
        Path work = null;
        try {
            work = Files.createTempDirectory("council-chat-photo");
            Path in = Files.write(work.resolve("in.heic"), heic);
            Path out = work.resolve("out.jpg");
            Process converter;
            try {
                converter = new ProcessBuilder(properties.heicConverter(), in.toString(), out.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
            } catch (IOException missing) {
                log.warn(
                        "A resident sent a HEIC photo, but the converter '{}' (council-chat.photos.heic-converter) could"
                                + " not be started; install libheif-examples to take them",
                        properties.heicConverter());
                throw new ChatRejected("photo-heic-unsupported");
            }
            if (!converter.waitFor(30, TimeUnit.SECONDS)) {
                converter.destroyForcibly();
                throw new ChatRejected("photo-unreadable");
            }
            if (converter.exitValue() != 0) {
                throw new ChatRejected("photo-unreadable");
            }
            // A file of several pictures comes out as out-1.jpg, out-2.jpg, ...: the first is the photo.
            try (Stream<Path> files = Files.list(work)) {
                Path first = Files.exists(out)
                        ? out
                        : files.filter(f -> f.getFileName().toString().endsWith(".jpg"))
                                .min(Comparator.naturalOrder())
                                .orElseThrow(() -> new ChatRejected("photo-unreadable"));
                return Files.readAllBytes(first);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not convert a HEIC photo in a temporary directory", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatRejected("photo-unreadable");
        } finally {
            deleteQuietly(work);
        }
    }

    private static void deleteQuietly(Path work) {
        if (work == null) {
            return;
        }
        try (Stream<Path> files = Files.list(work)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(work);
        } catch (IOException e) {
            log.warn("Could not delete the temporary directory {} of a converted photo", work, e);
        }
    }
}
