package org.councilchat.rasa;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rasa's two ways in: {@code ?token=SECRET} (Rasa's {@code --auth-token}) or {@code Authorization: Bearer} with a
 * JSON Web Token signed HS256 with the shared secret (Rasa's {@code --jwt-secret}), carrying {@code exp} and
 * not expired, and not used before its {@code nbf}: a token that never expires is refused, since a leaked one
 * would work for ever. With neither configured the endpoints are open, as Rasa's are; outside the demo they are
 * then off ({@link RasaAccess}). Refusals use Rasa's error shape.
 */
final class RasaAuth {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String token;
    private final String jwtSecret;

    RasaAuth(String token, String jwtSecret) {
        this.token = token == null ? "" : token;
        this.jwtSecret = jwtSecret == null ? "" : jwtSecret;
    }

    /** Empty when the caller may go on; otherwise the answer to give. */
    Optional<ResponseEntity<Object>> check(String givenToken, String authorization) {
        if (token.isBlank() && jwtSecret.isBlank()) {
            return Optional.empty();
        }
        if (givenToken != null && !token.isBlank() && sameSecret(givenToken, token)) {
            return Optional.empty();
        }
        if (authorization != null && authorization.startsWith("Bearer ") && !jwtSecret.isBlank()) {
            return validJwt(authorization.substring("Bearer ".length()).strip())
                    ? Optional.empty()
                    : Optional.of(error(HttpStatus.UNAUTHORIZED, "NotAuthenticated", "The token is not valid."));
        }
        if (givenToken != null) {
            return Optional.of(error(HttpStatus.UNAUTHORIZED, "NotAuthenticated", "The token is not valid."));
        }
        return Optional.of(error(
                HttpStatus.UNAUTHORIZED, "NotAuthenticated", "User is not authenticated: give ?token= or a JWT."));
    }

    private boolean validJwt(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            return false;
        }
        try {
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            if (!"HS256".equals(header.path("alg").asString())) {
                return false; // never "none", never an algorithm the caller picks
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(jwtSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!MessageDigest.isEqual(expected, Base64.getUrlDecoder().decode(parts[2]))) {
                return false;
            }
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            long now = Instant.now().getEpochSecond();
            JsonNode expires = claims.path("exp");
            JsonNode notBefore = claims.path("nbf");
            return expires.isNumber()
                    && expires.asLong() > now
                    && (notBefore.isMissingNode() || (notBefore.isNumber() && notBefore.asLong() <= now));
        } catch (IllegalArgumentException | JacksonException | GeneralSecurityException malformed) {
            return false;
        }
    }

    private static boolean sameSecret(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    /** Rasa's error shape: {@code {"version", "status": "failure", "reason", "message", "code"}}. */
    static ResponseEntity<Object> error(HttpStatus status, String reason, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("version", RasaApi.VERSION);
        error.put("status", "failure");
        error.put("reason", reason);
        error.put("message", message);
        error.put("code", status.value());
        return ResponseEntity.status(status).body(error);
    }
}
