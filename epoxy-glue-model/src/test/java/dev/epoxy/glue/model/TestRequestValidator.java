package dev.epoxy.glue.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.epoxy.glue.model.RequestValidationException.Kind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestRequestValidator {
    private static final String ROLE = "arn:aws:iam::123456789012:role/GlueRole";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper GLUE_JSON = GlueJson.newObjectMapper();
    private static final RequestValidator VALIDATOR = new RequestValidator(ServiceModel.glue());

    @Test
    void validCreateSessionPasses() {
        assertThatCode(() -> VALIDATOR.validate("CreateSession", createSession())).doesNotThrowAnyException();
    }

    @Test
    void everyMissingRequiredMemberIsReported() {
        assertThatThrownBy(() -> VALIDATOR.validate("CreateSession", json("{}")))
                .isInstanceOf(RequestValidationException.class)
                .hasMessage("3 validation errors detected: "
                        + "Value null at 'Id' failed to satisfy constraint: Member must not be null; "
                        + "Value null at 'Role' failed to satisfy constraint: Member must not be null; "
                        + "Value null at 'Command' failed to satisfy constraint: Member must not be null")
                .extracting(e -> ((RequestValidationException) e).kind()).isEqualTo(Kind.CONSTRAINT);
    }

    @Test
    void nullMemberCountsAsAbsent() {
        ObjectNode request = createSession().put("Description", (String) null);
        assertThatCode(() -> VALIDATOR.validate("CreateSession", request)).doesNotThrowAnyException();
        assertConstraint("GetSession", json("{\"Id\":null}"), "1 validation error detected: Value null at 'Id' failed to satisfy constraint: Member must not be null");
    }

    @Test
    void unknownMembersAreIgnored() {
        ObjectNode request = createSession().put("NotAMember", 42);
        assertThatCode(() -> VALIDATOR.validate("CreateSession", request)).doesNotThrowAnyException();
    }

    @Test
    void invalidEnumValueNamesMemberAndValueSet() {
        // The value set is the model's, in its order (it grows with botocore).
        List<String> values = new ArrayList<>();
        ServiceModel.glue().shape("WorkerType").get("enum").forEach(value -> values.add(value.asText()));
        assertThat(values).contains("G.1X", "G.2X").doesNotContain("G.9X");
        assertConstraint("CreateSession", createSession().put("WorkerType", "G.9X"),
                "1 validation error detected: Value 'G.9X' at 'WorkerType' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: [" + String.join(", ", values) + "]");
    }

    @Test
    void roleMustMatchArnPattern() {
        assertConstraint("CreateSession", createSession().put("Role", "not-a-role-arn-at-all"),
                "1 validation error detected: Value 'not-a-role-arn-at-all' at 'Role' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: arn:aws[^:]*:iam::[0-9]*:role/.+");
    }

    @Test
    void patternMustMatchWholeValue() {
        // "3.9x" contains a match of ^([2-3]|3[.]9)$ only if the pattern were searched, not matched.
        assertConstraint("CreateSession", createSession().set("Command", json("{\"Name\":\"glueetl\",\"PythonVersion\":\"33\"}")),
                "1 validation error detected: Value '33' at 'Command.PythonVersion' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: ^([2-3]|3[.]9)$");
    }

    @Test
    void shortStringViolatesMinimumLengthAndSkipsPattern() {
        // The value breaks the pattern too, but a value of the wrong length is not matched at all.
        assertConstraint("CreateSession", createSession().put("Role", "arn:aws:iam::1:role"),
                "1 validation error detected: "
                        + "Value 'arn:aws:iam::1:role' at 'Role' failed to satisfy constraint: Member must have length greater than or equal to 20");
    }

    @Test
    void codeOverLimitIsRejectedWithoutEchoingIt() {
        String code = "x".repeat(68_001);
        assertConstraint("RunStatement", json("{\"SessionId\":\"s1\"}").put("Code", code),
                "1 validation error detected: Value at 'Code' failed to satisfy constraint: Member must have length less than or equal to 68000");
        assertThatCode(() -> VALIDATOR.validate("RunStatement", json("{\"SessionId\":\"s1\"}").put("Code", "x".repeat(68_000))))
                .doesNotThrowAnyException();
    }

    @Test
    void emojiIsOneCharacterAndMatchesNamePattern() {
        String emoji = "\uD83D\uDE80"; // U+1F680, a surrogate pair in UTF-16
        assertThatCode(() -> VALIDATOR.validate("GetSession", json("{}").put("Id", "rocket-" + emoji))).doesNotThrowAnyException();
        assertThatCode(() -> VALIDATOR.validate("GetSession", json("{}").put("Id", emoji.repeat(255)))).doesNotThrowAnyException();
        assertThatThrownBy(() -> VALIDATOR.validate("GetSession", json("{}").put("Id", emoji.repeat(256))))
                .hasMessage("1 validation error detected: Value at 'Id' failed to satisfy constraint: Member must have length less than or equal to 255");
    }

    @Test
    void controlCharacterViolatesNamePattern() {
        assertConstraint("GetSession", json("{}").put("Id", "a\u0001b"),
                "1 validation error detected: Value 'a\u0001b' at 'Id' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                        + "[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\t]*");
    }

    @Test
    void integerBelowMinimumNamesMember() {
        assertConstraint("CreateSession", createSession().put("Timeout", 0),
                "1 validation error detected: Value '0' at 'Timeout' failed to satisfy constraint: Member must have value greater than or equal to 1");
    }

    @Test
    void pageSizeRangeIsChecked() {
        assertConstraint("ListSessions", json("{\"MaxResults\":1001}"),
                "1 validation error detected: Value '1001' at 'MaxResults' failed to satisfy constraint: Member must have value less than or equal to 1000");
        assertConstraint("ListSessions", json("{\"MaxResults\":0}"),
                "1 validation error detected: Value '0' at 'MaxResults' failed to satisfy constraint: Member must have value greater than or equal to 1");
    }

    @Test
    void mapKeysAndValuesAreChecked() {
        ObjectNode arguments = JSON.createObjectNode().put("bad key", "v").put("--conf", "x".repeat(4097));
        assertConstraint("CreateSession", createSession().set("DefaultArguments", arguments),
                "2 validation errors detected: "
                        + "Value 'bad key' at 'DefaultArguments' failed to satisfy constraint: Map keys must satisfy constraint: "
                        + "[Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+]; "
                        + "Value at 'DefaultArguments.--conf' failed to satisfy constraint: Member must have length less than or equal to 4096");
    }

    @Test
    void mapSizeIsChecked() {
        ObjectNode tags = JSON.createObjectNode();
        for (int i = 0; i < 51; i++) {
            tags.put("k" + i, "v");
        }
        assertConstraint("CreateSession", createSession().set("Tags", tags),
                "1 validation error detected: Value with 51 elements at 'Tags' failed to satisfy constraint: Member must have length less than or equal to 50");
    }

    @Test
    void messageListsTheFirstTenViolationsAndCountsTheRest() {
        // Each element breaks its length: listing every violation let one request make a message of any size.
        com.fasterxml.jackson.databind.node.ArrayNode keys = JSON.createArrayNode();
        for (int i = 0; i < 50; i++) {
            keys.add("");
        }
        ObjectNode request = json("{\"ResourceArn\":\"arn:aws:glue:us-east-1:123456789012:session/s1\"}");
        request.set("TagsToRemove", keys);
        StringBuilder expected = new StringBuilder("50 validation errors detected: ");
        for (int i = 1; i <= 10; i++) {
            expected.append(i == 1 ? "" : "; ").append("Value '' at 'TagsToRemove.").append(i).append("' failed to satisfy constraint: Member must have length greater than or equal to 1");
        }
        assertConstraint("UntagResource", request, expected.append("; and 40 more").toString());
    }

    @Test
    void listElementsAreNumberedFromOne() {
        ObjectNode connections = json("{\"Connections\":[\"ok\",\"\"]}");
        connections.withArray("Connections").add("c".repeat(256));
        assertConstraint("CreateSession", createSession().set("Connections", connections),
                "1 validation error detected: Value at 'Connections.Connections.3' failed to satisfy constraint: Member must have length less than or equal to 255");
    }

    @Test
    void untagResourceFromBotocoreIsInModel() {
        assertThatCode(() -> VALIDATOR.validate("UntagResource", json("{\"ResourceArn\":\"arn:aws:glue:us-east-1:123456789012:session/s1\",\"TagsToRemove\":[\"owner\"]}")))
                .doesNotThrowAnyException();
        assertConstraint("UntagResource", json("{\"ResourceArn\":\"arn:aws:s3:::bucket\",\"TagsToRemove\":[\"\"]}"),
                "2 validation errors detected: "
                        + "Value 'arn:aws:s3:::bucket' at 'ResourceArn' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:aws(-(cn|us-gov|iso(-[bef])?))?:glue:.*; "
                        + "Value '' at 'TagsToRemove.1' failed to satisfy constraint: Member must have length greater than or equal to 1");
    }

    @Test
    void stringWhereNumberExpectedIsWrongType() {
        assertWrongType("CreateSession", createSession().put("NumberOfWorkers", "5"),
                "Cannot read 'NumberOfWorkers': expected a JSON whole number within 32 bits but found a string");
    }

    @Test
    void fractionWhereIntegerExpectedIsWrongType() {
        assertWrongType("CreateSession", createSession().put("NumberOfWorkers", 2.5),
                "Cannot read 'NumberOfWorkers': expected a JSON whole number within 32 bits but found the number 2.5");
    }

    @Test
    void integerOutOfRangeIsWrongType() {
        assertWrongType("GetStatement", json("{\"SessionId\":\"s1\",\"Id\":2147483648}"),
                "Cannot read 'Id': expected a JSON whole number within 32 bits but found the number 2147483648");
    }

    @Test
    void numberBeyondDoubleRangeInIntegerMemberIsWrongTypeNamingMember() {
        // 1e400 used to reach BigDecimal.valueOf(Infinity): a NumberFormatException and a 500.
        assertWrongType("CreateSession", parse(createSessionText("\"NumberOfWorkers\":1e400")),
                "Cannot read 'NumberOfWorkers': expected a JSON whole number within 32 bits but found a number beyond the range of a double");
        assertWrongType("ListSessions", parse("{\"MaxResults\":-1e400}"),
                "Cannot read 'MaxResults': expected a JSON whole number within 32 bits but found a number beyond the range of a double");
    }

    @Test
    void hugeExponentInIntegerMemberIsRejectedWithoutExpandingIt() {
        // A billion-digit whole number: expanding it before the range check would take minutes.
        assertWrongType("GetStatement", parse("{\"SessionId\":\"s1\",\"Id\":1e999999999}"),
                "Cannot read 'Id': expected a JSON whole number within 32 bits but found a number beyond the range of a double");
        assertWrongType("GetStatement", parse("{\"SessionId\":\"s1\",\"Id\":" + "1" + "0".repeat(900) + "}"),
                "Cannot read 'Id': expected a JSON whole number within 32 bits but found the number 1" + "0".repeat(127) + "...");
    }

    @Test
    void numberBeyondDoubleRangeInDoubleMemberIsWrongTypeNamingMember() {
        assertWrongType("CreateSession", parse(createSessionText("\"MaxCapacity\":1e400")),
                "Cannot read 'MaxCapacity': expected a JSON number within the range of a double but found a number beyond the range of a double");
    }

    @Test
    void fourHundredDigitIntegerInDoubleMemberIsWrongType() {
        // Accepted before, and later reported as the JSON string "Infinity".
        String digits = "9".repeat(400);
        assertWrongType("CreateSession", parse(createSessionText("\"MaxCapacity\":" + digits)),
                "Cannot read 'MaxCapacity': expected a JSON number within the range of a double but found the number " + "9".repeat(128) + "...");
    }

    @Test
    void largestDoubleIsAccepted() {
        assertThatCode(() -> VALIDATOR.validate("CreateSession", parse(createSessionText("\"MaxCapacity\":" + Double.MAX_VALUE))))
                .doesNotThrowAnyException();
    }

    @Test
    void nonFiniteDoubleNodeIsWrongType() {
        // Only a lenient parser produces these; the validator must not pass them on either way.
        ObjectNode request = createSession().put("MaxCapacity", Double.POSITIVE_INFINITY);
        assertWrongType("CreateSession", request, "Cannot read 'MaxCapacity': expected a JSON number within the range of a double but found a number beyond the range of a double");
        assertWrongType("CreateSession", createSession().put("NumberOfWorkers", Double.NaN),
                "Cannot read 'NumberOfWorkers': expected a JSON whole number within 32 bits but found a number beyond the range of a double");
    }

    @Test
    void wholeNumberWrittenWithFractionOrExponentIsAnInteger() {
        assertThatCode(() -> VALIDATOR.validate("ListSessions", parse("{\"MaxResults\":5.0}"))).doesNotThrowAnyException();
        assertThatCode(() -> VALIDATOR.validate("ListSessions", parse("{\"MaxResults\":1e2}"))).doesNotThrowAnyException();
        assertConstraint("ListSessions", parse("{\"MaxResults\":2e3}"),
                "1 validation error detected: Value '2000' at 'MaxResults' failed to satisfy constraint: Member must have value less than or equal to 1000");
    }

    @Test
    void patternIsNotRunWhenLengthFailed() {
        // GlueVersionString is 1..255 with ^(\w+\.)+\w+$; "a."*10000 made java.util.regex overflow its stack.
        assertConstraint("CreateSession", createSession().put("GlueVersion", "a.".repeat(10_000)),
                "1 validation error detected: Value at 'GlueVersion' failed to satisfy constraint: Member must have length less than or equal to 255");
    }

    @Test
    void recursivePatternOnLongValueWithoutMaximumDoesNotOverflowTheStack() {
        // Each model pattern, on a value far longer than any stack could recurse through.
        String longValue = "a.".repeat(500_000) + "a";
        assertThat(ModelPatterns.toRe2("^(\\w+\\.)+\\w+$")).isEqualTo("^(\\w+\\.)+\\w+$");
        assertThat(com.google.re2j.Pattern.compile(ModelPatterns.toRe2("^(\\w+\\.)+\\w+$")).matcher(longValue).matches()).isTrue();
        for (String shape : List.of("NodeName", "SqlQuery", "EnclosedInStringProperty", "ExtendedString")) {
            assertThatCode(() -> VALIDATOR.validateShape(shape, JSON.getNodeFactory().textNode(longValue))).as(shape).doesNotThrowAnyException();
        }
    }

    @Test
    void everyModelPatternCompilesAndMatchesLongInputWithoutRecursion() {
        String longValue = "a.b-c_d ".repeat(100_000);
        for (String regex : ServiceModel.glue().patterns()) {
            assertThatCode(() -> com.google.re2j.Pattern.compile(ModelPatterns.toRe2(regex)).matcher(longValue).matches()).as(regex).doesNotThrowAnyException();
        }
    }

    @Test
    void unicodeEscapesBecomeCodePoints() {
        assertThat(ModelPatterns.toRe2("[\\u0020-\\uD7FF\\uD800\\uDC00-\\uDBFF\\uDFFF\\t]*")).isEqualTo("[\\x{20}-\\x{D7FF}\\x{10000}-\\x{10FFFF}\\t]*");
        assertThat(ModelPatterns.toRe2("\\\\u0020")).isEqualTo("\\\\u0020");
    }

    @Test
    void loneSurrogateAndNulViolateNamePattern() {
        String pattern = "[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\t]*";
        assertConstraint("GetSession", json("{}").put("Id", "a\uD800b"),
                "1 validation error detected: Value 'a\uD800b' at 'Id' failed to satisfy constraint: Member must satisfy regular expression pattern: " + pattern);
        assertConstraint("GetSession", json("{}").put("Id", "a\u0000b"),
                "1 validation error detected: Value 'a\u0000b' at 'Id' failed to satisfy constraint: Member must satisfy regular expression pattern: " + pattern);
        assertThatCode(() -> VALIDATOR.validate("GetSession", json("{}").put("Id", "tab\there\uFFFD\uD83D\uDE80"))).doesNotThrowAnyException();
    }

    @Test
    void nestedWrongTypeNamesPath() {
        assertWrongType("CreateSession", createSession().put("Command", "glueetl"),
                "Cannot read 'Command': expected a JSON object but found a string");
        assertWrongType("CreateSession", createSession().set("Command", json("{\"Name\":[\"glueetl\"]}")),
                "Cannot read 'Command.Name': expected a JSON string but found an array");
    }

    @Test
    void bodyMustBeObject() {
        assertThatThrownBy(() -> VALIDATOR.validate("GetSession", JSON.createArrayNode()))
                .isInstanceOf(RequestValidationException.class)
                .hasMessage("Request body of GetSession must be a JSON object")
                .extracting(e -> ((RequestValidationException) e).kind()).isEqualTo(Kind.WRONG_TYPE);
    }

    @Test
    void unknownOperationIsRejected() {
        assertThatThrownBy(() -> VALIDATOR.validate("MakeCoffee", json("{}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Operation has no input in the service model: MakeCoffee");
    }

    @Test
    void modelKnowsEverySessionOperation() {
        assertThat(ServiceModel.glue().operationNames()).contains(
                "CreateSession", "GetSession", "ListSessions", "StopSession", "DeleteSession", "RunStatement", "GetStatement",
                "ListStatements", "CancelStatement", "GetDashboardUrl", "GetSessionEndpoint", "TagResource", "GetTags", "UntagResource");
    }

    private static void assertConstraint(String operation, JsonNode request, String message) {
        assertThatThrownBy(() -> VALIDATOR.validate(operation, request))
                .isInstanceOf(RequestValidationException.class)
                .hasMessage(message)
                .extracting(e -> ((RequestValidationException) e).kind()).isEqualTo(Kind.CONSTRAINT);
    }

    private static void assertWrongType(String operation, JsonNode request, String message) {
        assertThatThrownBy(() -> VALIDATOR.validate(operation, request))
                .isInstanceOf(RequestValidationException.class)
                .hasMessage(message)
                .extracting(e -> ((RequestValidationException) e).kind()).isEqualTo(Kind.WRONG_TYPE);
    }

    private static String createSessionText(String extraMember) {
        return "{\"Id\":\"s1\",\"Role\":\"" + ROLE + "\",\"Command\":{\"Name\":\"glueetl\"}," + extraMember + "}";
    }

    /** Parses as the server does, with the protocol's mapper. */
    private static ObjectNode parse(String text) {
        try {
            return (ObjectNode) GLUE_JSON.readTree(text);
        }
        catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ObjectNode createSession() {
        return json("{\"Id\":\"s1\",\"Role\":\"" + ROLE + "\",\"Command\":{\"Name\":\"glueetl\",\"PythonVersion\":\"3\"},"
                + "\"WorkerType\":\"G.1X\",\"NumberOfWorkers\":5,\"DefaultArguments\":{\"--enable-glue-datacatalog\":\"true\"}}");
    }

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) JSON.readTree(text);
        }
        catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
