package dev.epoxy.server.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Jackson's failures in words fit for a client: what is wrong and where (line and column), never the
 * body's text (Jackson's own messages quote up to hundreds of characters of it, in tokens and in their
 * location), and never a Java class or API name.
 */
final class JsonFailures {
    private static final Pattern CHARACTER_CODE = Pattern.compile("\\(code (\\d+)\\)");

    private JsonFailures() {}

    /** Why the body is not one well-formed JSON value, e.g. {@code "unexpected character (code 120) at line 1, column 9"}. */
    static String describe(JsonProcessingException failure) {
        String original = String.valueOf(failure.getOriginalMessage());
        String what;
        if (failure instanceof JsonEOFException) {
            what = "the body ends inside a JSON value";
        }
        else if (failure instanceof StreamConstraintsException) {
            what = original.contains("nesting depth") ? "it nests deeper than the parser allows"
                    : original.contains("Number value length") ? "a number is longer than the parser allows"
                    : "a value is larger than the parser allows";
        }
        else if (original.startsWith("Invalid UTF-8") || original.startsWith("Invalid UTF-32")) {
            what = "the body is not valid UTF-8 text";
        }
        else if (original.startsWith("Illegal unquoted character")) {
            what = "a control character" + code(original) + " is not escaped in a string";
        }
        else if (original.startsWith("Unexpected character")) {
            what = "unexpected character" + code(original);
        }
        else if (original.startsWith("Unrecognized token")) {
            what = "unrecognized token";
        }
        else {
            what = "it is not valid JSON";
        }
        return what + location(failure.getLocation());
    }

    /** Data after the body's one JSON value, which ends before byte {@code end}; located where the data starts. */
    static String trailingData(byte[] body, int end) {
        int start = end;
        while (start < body.length && (body[start] == ' ' || body[start] == '\t' || body[start] == '\n' || body[start] == '\r')) {
            start++;
        }
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < start; i++) {
            if (body[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return "unexpected data after the JSON value at line " + line + ", column " + (start - lineStart + 1);
    }

    /** Why a well-formed value does not fit the operation's input, naming the member by its path. */
    static String describeMapping(JsonProcessingException failure) {
        if (failure instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String path = mapping.getPath().stream()
                    .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                    .collect(Collectors.joining("."))
                    .replace(".[", "[");
            return "'" + StsCallerIdentity.echo(path) + "' does not have the type the operation expects";
        }
        return "a member does not have the type the operation expects";
    }

    private static String code(String message) {
        Matcher matcher = CHARACTER_CODE.matcher(message);
        return matcher.find() ? " (code " + matcher.group(1) + ")" : "";
    }

    private static String location(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
