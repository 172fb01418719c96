package org.councilchat.knowledge.areas;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.councilchat.knowledge.Council;
import org.councilchat.knowledge.Postcode;

/**
 * Which council serves a postcode: a postcode-to-district table (ONSPD or Code-Point Open) joined to
 * GOV.UK's list of councils. Bins are a district or unitary service, so the district code is the one used.
 *
 * <p>NOTE: the table is held in memory, about 100 bytes a postcode; a whole-UK ONSPD (2.7 million live
 * and terminated postcodes) needs a few hundred megabytes, so load only the areas around the council.
 */
public final class CouncilDirectory {

    private static final CSVFormat CSV =
            CSVFormat.RFC4180.builder().setTrim(true).get();
    private static final List<String> CODE_POINT_COLUMNS = List.of(
            "Postcode",
            "Positional_quality_indicator",
            "Eastings",
            "Northings",
            "Country_code",
            "NHS_regional_HA_code",
            "NHS_HA_code",
            "Admin_county_code",
            "Admin_district_code",
            "Admin_ward_code");

    private final Map<String, Council> councilsByCode;
    private final Map<String, String> districtByPostcode = new HashMap<>();

    private CouncilDirectory(Map<String, Council> councilsByCode) {
        this.councilsByCode = councilsByCode;
    }

    /** Reads GOV.UK's local-authorities CSV (columns gss, name, homepage_url found by header). */
    public static CouncilDirectory fromLocalAuthorities(Reader csv) {
        Map<String, Council> councils = new HashMap<>();
        try (CSVParser parser =
                CSV.builder().setHeader().setSkipHeaderRecord(true).get().parse(csv)) {
            for (CSVRecord row : parser) {
                String code = row.get("gss");
                if (!code.isBlank()) {
                    councils.put(code, new Council(code, row.get("name"), row.get("homepage_url")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the list of councils", e);
        }
        return new CouncilDirectory(councils);
    }

    /**
     * Adds a postcode table: ONSPD (header with {@code pcds} or {@code pcd}, and {@code oslaua}), Code-Point
     * Open with its header row ({@code Postcode}, {@code Admin_district_code}), or a raw Code-Point Open file,
     * which has no header and the standard column order. Terminated ONSPD postcodes are skipped.
     *
     * @return how many postcodes were added
     */
    public int addPostcodes(Reader csv, String name) {
        int added = 0;
        try (CSVParser parser = CSV.parse(csv)) {
            Map<String, Integer> columns = null;
            for (CSVRecord row : parser) {
                if (columns == null) {
                    columns = columns(row, name);
                    if (columns.containsKey("header")) {
                        continue;
                    }
                }
                String terminated = columns.containsKey("doterm") ? row.get(columns.get("doterm")) : "";
                Optional<Postcode> postcode = Postcode.parse(row.get(columns.get("postcode")));
                String district = row.get(columns.get("district"));
                if (postcode.isPresent() && !district.isBlank() && terminated.isBlank()) {
                    districtByPostcode.put(postcode.get().value(), district.intern());
                    added++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the postcode table " + name, e);
        }
        return added;
    }

    private static Map<String, Integer> columns(CSVRecord first, String name) {
        List<String> header = first.toList();
        Map<String, Integer> columns = new HashMap<>();
        int postcode = firstIndex(header, "pcds", "pcd", "pcd7", "Postcode", "PC");
        int district = firstIndex(header, "oslaua", "Admin_district_code", "DC");
        if (postcode >= 0 && district >= 0) {
            columns.put("postcode", postcode);
            columns.put("district", district);
            columns.put("header", 1);
            int terminated = header.indexOf("doterm");
            if (terminated >= 0) {
                columns.put("doterm", terminated);
            }
            return columns;
        }
        if (header.size() == CODE_POINT_COLUMNS.size()
                && Postcode.parse(header.getFirst()).isPresent()) {
            columns.put("postcode", 0);
            columns.put("district", CODE_POINT_COLUMNS.indexOf("Admin_district_code"));
            return columns;
        }
        throw new IllegalArgumentException(name + " line 1: expected an ONSPD header (pcds, oslaua), a Code-Point"
                + " Open header (Postcode, Admin_district_code) or a raw Code-Point Open row");
    }

    private static int firstIndex(List<String> header, String... names) {
        for (String candidate : names) {
            int index = header.indexOf(candidate);
            if (index >= 0) {
                return index;
            }
        }
        return -1;
    }

    /** The council for a postcode, when the tables know it (pseudo-codes such as Jersey's have none). */
    public Optional<Council> councilFor(Postcode postcode) {
        return Optional.ofNullable(districtByPostcode.get(postcode.value())).map(councilsByCode::get);
    }

    public int postcodeCount() {
        return districtByPostcode.size();
    }
}
