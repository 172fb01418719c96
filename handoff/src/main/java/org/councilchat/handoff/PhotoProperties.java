package org.councilchat.handoff;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Photos residents send to an adviser ({@code council-chat.photos.*}).
 *
 * @param maxSize the largest file a resident may send; a phone's full-size photo is 2-6 MB
 * @param maxPixels the most pixels a photo may have, checked before it is decoded (a small file can claim a huge
 *     picture and would otherwise fill the memory)
 * @param longestSide the stored photo is scaled down to at most this many pixels on its longer side
 * @param perTenMinutes how many photos one chat may send in any ten minutes
 * @param heicConverter the program that turns an iPhone's HEIC photo into a JPEG, called as
 *     {@code heicConverter in.heic out.jpg} (libheif's {@code heif-convert}, Debian package libheif-examples); where
 *     it is missing, HEIC photos are refused with a request to send a JPEG
 * @param scannerHost the ClamAV daemon (clamd) every photo is sent to before it is kept; blank for none
 * @param scannerPort clamd's TCP port
 * @param scannerTimeout how long to wait for clamd's verdict; no verdict in time refuses the photo
 * @param withMessageFor how long after leaving a message (out of hours, or with no adviser free) a resident may
 *     still add photos to it, while nobody has closed it
 */
@ConfigurationProperties("council-chat.photos")
public record PhotoProperties(
        @DefaultValue("10MB") DataSize maxSize,
        @DefaultValue("50000000") long maxPixels,
        @DefaultValue("2048") int longestSide,
        @DefaultValue("10") int perTenMinutes,
        @DefaultValue("heif-convert") String heicConverter,
        @DefaultValue("") String scannerHost,
        @DefaultValue("3310") int scannerPort,
        @DefaultValue("20s") Duration scannerTimeout,
        @DefaultValue("1h") Duration withMessageFor) {}
