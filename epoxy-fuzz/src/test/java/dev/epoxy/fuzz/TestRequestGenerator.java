package dev.epoxy.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.epoxy.glue.model.RequestValidator;
import dev.epoxy.glue.model.ServiceModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TestRequestGenerator {
    private static final ServiceModel MODEL = ServiceModel.glue();
    private static final List<String> SESSION_OPERATIONS = List.of("CreateSession", "GetSession", "ListSessions", "RunStatement", "TagResource");

    @Test
    void sameSeedGivesSameRequests() {
        List<byte[]> first = requests(42, 300);
        List<byte[]> second = requests(42, 300);
        List<byte[]> other = requests(43, 300);
        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i)).as("request %s", i).isEqualTo(first.get(i));
        }
        assertThat(Arrays.equals(first.get(0), other.get(0)) && Arrays.equals(first.get(1), other.get(1))).isFalse();
    }

    @Test
    void validRequestsOfEveryModelOperationMostlyPassTheValidator() {
        // The oracle is independent of the generator: the model's own validator.
        RequestValidator validator = new RequestValidator(MODEL);
        RequestGenerator generator = new RequestGenerator(MODEL, new KnownValues(), SESSION_OPERATIONS, List.of(), "localhost:1");
        SplittableRandom random = new SplittableRandom(7);
        for (String operation : MODEL.operationNames()) {
            int passed = 0;
            for (int i = 0; i < 20; i++) {
                JsonNode input = generator.validInput(operation, random);
                try {
                    validator.validate(operation, input);
                    passed++;
                }
                catch (RuntimeException e) {
                    // Counted below.
                }
            }
            assertThat(passed).as(operation).isGreaterThanOrEqualTo(10);
        }
    }

    @Test
    void everyModelPatternCanBeSampled() {
        SplittableRandom random = new SplittableRandom(1);
        for (String shape : List.of("NameString", "GlueVersionString", "OrchestrationRoleArn", "GlueResourceArn", "PythonVersionString", "OrchestrationNameString", "TransactionIdString")) {
            String pattern = MODEL.shape(shape).get("pattern").asText();
            RegexSampler sampler = RegexSampler.of(pattern);
            List<String> matching = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String sample = sampler.sample(random, 6);
                if (Pattern.compile(pattern).matcher(sample).matches()) {
                    matching.add(sample);
                }
            }
            assertThat(matching).as(shape + " " + pattern).hasSizeGreaterThanOrEqualTo(15);
        }
    }

    @Test
    void bodiesAreJsonEvenWithLoneSurrogates() {
        JsonNode request = new ObjectMapper().createObjectNode().put("Id", "a\uD800b");
        assertThatCode(() -> new ObjectMapper().readTree(RequestGenerator.body(request, new SplittableRandom(3)))).doesNotThrowAnyException();
    }

    private static List<byte[]> requests(long seed, int count) {
        RequestGenerator generator = new RequestGenerator(MODEL, new KnownValues(), SESSION_OPERATIONS, List.of("CreateDatabase"), "localhost:1");
        SplittableRandom random = new SplittableRandom(seed);
        List<byte[]> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            requests.add(generator.next(random).toBytes());
        }
        return requests;
    }
}
