package dev.epoxy.core.arn;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The resource types of Glue ARNs, {@code arn:aws:glue:<region>:<account>:<type>/<path>}, spelled as AWS
 * documents them ("Specifying Glue resource ARNs"; the IAM service authorization reference for Glue).
 * Whether Epoxy serves a type is not known here: the server registers the types it serves.
 */
public enum GlueResourceType {
    /** {@code catalog}: the account's Data Catalog; the only type without a path. */
    CATALOG("catalog"),
    DATABASE("database"),
    /** {@code table/<database>/<table>} */
    TABLE("table"),
    /** {@code tableVersion/<database>/<table>/<version>} */
    TABLE_VERSION("tableVersion"),
    /** {@code userDefinedFunction/<database>/<function>} */
    USER_DEFINED_FUNCTION("userDefinedFunction"),
    CONNECTION("connection"),
    SESSION("session"),
    JOB("job"),
    TRIGGER("trigger"),
    CRAWLER("crawler"),
    WORKFLOW("workflow"),
    BLUEPRINT("blueprint"),
    DEV_ENDPOINT("devEndpoint"),
    ML_TRANSFORM("mlTransform"),
    /** {@code registry/<registry>}: the Schema Registry. */
    REGISTRY("registry"),
    /** {@code schema/<registry>/<schema>} */
    SCHEMA("schema"),
    DATA_QUALITY_RULESET("dataQualityRuleset"),
    CUSTOM_ENTITY_TYPE("customEntityType"),
    SECURITY_CONFIGURATION("securityConfiguration"),
    USAGE_PROFILE("usageProfile"),
    INTEGRATION("integration");

    private static final Map<String, GlueResourceType> BY_ARN_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(GlueResourceType::arnName, Function.identity()));

    private final String arnName;

    GlueResourceType(String arnName) {
        this.arnName = arnName;
    }

    /** The type as ARNs spell it, e.g. {@code userDefinedFunction}. */
    public String arnName() {
        return arnName;
    }

    /** The type an ARN spells {@code arnName} (case-sensitive, as in AWS). */
    public static Optional<GlueResourceType> fromArnName(String arnName) {
        return Optional.ofNullable(BY_ARN_NAME.get(arnName));
    }

    /** Whether ARNs of this type name a resource after a slash (all but {@link #CATALOG}). */
    public boolean hasPath() {
        return this != CATALOG;
    }
}
