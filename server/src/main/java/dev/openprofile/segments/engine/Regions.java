package dev.openprofile.segments.engine;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The regions of ProfileRegionCondition, decided from the profile's {@code location.country}: the
 * country's English name or its ISO 3166 alpha-2 or alpha-3 code, in any case (docs/compatibility.md).
 */
public final class Regions {
    public enum Name { EUROPEAN_UNION, UNITED_STATES }

    /** The 27 member states since 2020, each as name, alpha-2 and alpha-3. */
    private static final List<String> EU = List.of(
            "Austria", "AT", "AUT", "Belgium", "BE", "BEL", "Bulgaria", "BG", "BGR", "Croatia", "HR", "HRV",
            "Cyprus", "CY", "CYP", "Czechia", "CZ", "CZE", "Czech Republic", "Denmark", "DK", "DNK",
            "Estonia", "EE", "EST", "Finland", "FI", "FIN", "France", "FR", "FRA", "Germany", "DE", "DEU",
            "Greece", "GR", "GRC", "Hungary", "HU", "HUN", "Ireland", "IE", "IRL", "Italy", "IT", "ITA",
            "Latvia", "LV", "LVA", "Lithuania", "LT", "LTU", "Luxembourg", "LU", "LUX", "Malta", "MT", "MLT",
            "Netherlands", "NL", "NLD", "The Netherlands", "Poland", "PL", "POL", "Portugal", "PT", "PRT",
            "Romania", "RO", "ROU", "Slovakia", "SK", "SVK", "Slovenia", "SI", "SVN", "Spain", "ES", "ESP",
            "Sweden", "SE", "SWE");
    private static final List<String> US = List.of("United States", "United States of America", "US", "USA");

    private Regions() {}

    /** The lower-case country spellings of the region. */
    public static Set<String> countries(Name region) {
        return (region == Name.EUROPEAN_UNION ? EU : US).stream().map(c -> c.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    static Name parse(String wire) {
        return Stream.of(Name.values()).filter(n -> n.name().toLowerCase(Locale.ROOT).equals(wire)).findFirst()
                .orElseThrow();
    }
}
