package dev.epoxy.glue.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The Jackson setup of the Glue JSON 1.1 protocol. */
public final class GlueJson {
    /** The protocol's content type, for requests and responses. */
    public static final String CONTENT_TYPE = "application/x-amz-json-1.1";

    private GlueJson() {}

    /**
     * A mapper that omits null members (botocore drops them anyway), writes empty outputs as {@code {}},
     * ignores members it does not know (AWS ignores them too) and never writes numbers in exponent form.
     */
    public static ObjectMapper newObjectMapper() {
        return new ObjectMapper()
                .setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    }
}
