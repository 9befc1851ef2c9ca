package dev.epoxy.core.session;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.ErrorCode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Glue versions a session may ask for, and the Spark AWS runs for each (AWS's "AWS Glue versions" page). Epoxy
 * runs every one of them on its own Spark, {@link #EPOXY_SPARK} (Glue 5.1's): the kernel's default is 4.0, and a
 * notebook written for it should start here as it does on AWS, told once that the Spark underneath is another.
 */
public final class GlueSessionVersions {
    /** The Spark every session runs (root pom's {@code spark.version}; a repository test keeps the two equal). */
    public static final String EPOXY_SPARK = "3.5.6";

    private static final Map<String, String> SPARK_ON_AWS = new LinkedHashMap<>();

    static {
        SPARK_ON_AWS.put("2.0", "2.4.3");
        SPARK_ON_AWS.put("3.0", "3.1.1");
        SPARK_ON_AWS.put("4.0", "3.3.0");
        SPARK_ON_AWS.put("5.0", "3.5.4");
        SPARK_ON_AWS.put("5.1", "3.5.6");
    }

    private GlueSessionVersions() {}

    /**
     * @return {@code version}
     * @throws EpoxyException {@code INVALID_INPUT} naming the version and the ones there are
     */
    public static String check(String version) {
        if (SPARK_ON_AWS.containsKey(version)) {
            return version;
        }
        String major = version.substring(0, Math.max(version.indexOf('.'), 0));
        if (major.matches("\\d{1,3}") && Integer.parseInt(major) < 2) {
            throw new EpoxyException(ErrorCode.INVALID_INPUT, "Invalid GlueVersion: %s (interactive sessions need Glue 2.0 or later)", version);
        }
        throw new EpoxyException(ErrorCode.INVALID_INPUT, "Invalid GlueVersion: %s (Epoxy sessions accept %s; all run Spark %s)", version,
                String.join(", ", SPARK_ON_AWS.keySet()), EPOXY_SPARK);
    }

    /**
     * The line a session's first output starts with when AWS would run another Spark (major and minor version) for
     * {@code version}; empty for 5.0 and 5.1, whose Spark 3.5 is Epoxy's.
     */
    public static Optional<String> notice(String version) {
        String aws = SPARK_ON_AWS.get(version);
        if (aws == null || minor(aws).equals(minor(EPOXY_SPARK))) {
            return Optional.empty();
        }
        return Optional.of("Note: Glue " + version + " runs Spark " + aws + " on AWS; this Epoxy session runs Spark " + EPOXY_SPARK
                + " (Glue 5.1's runtime).");
    }

    private static String minor(String sparkVersion) {
        return sparkVersion.substring(0, sparkVersion.lastIndexOf('.'));
    }
}
