package dev.epoxy.fuzz;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.epoxy.glue.model.ServiceModel;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A run of the model-driven fuzzer against one Glue endpoint.
 *
 * <p>It learns what the server implements by asking: each model operation gets a malformed body, and the
 * ones answering OperationNotSupportedException (decided before the body is read) are not implemented.
 * Operations answering {@code {}} with 200 are the known-good calls that prove the server alive, every
 * {@value #LIVENESS_INTERVAL} requests and at the end. A resource created by a {@code Create*} request is
 * remembered (its names feed later requests) and deleted again with the matching {@code Delete*} operation
 * at the end, so a run leaves nothing behind. Requests are checked by {@link ReplyChecker}.
 */
public final class Fuzzer {
    static final int LIVENESS_INTERVAL = 250;
    static final int PROGRESS_INTERVAL = 10_000;
    private static final int MAX_REPORTED_FAILURES = 25;
    private static final Pattern ACCOUNT = Pattern.compile("<Account>([^<]*)</Account>");

    private final URI endpoint;
    private final String region;
    private final ServiceModel model = ServiceModel.glue();
    private final ReplyChecker checker = new ReplyChecker();
    private final ObjectMapper json = new ObjectMapper();
    private final RawHttp http;
    private final String hostHeader;

    public Fuzzer(URI endpoint, String region, Duration requestTimeout) {
        this.endpoint = endpoint;
        this.region = region;
        this.http = new RawHttp(endpoint.getHost().replace("[", "").replace("]", ""), endpoint.getPort(), requestTimeout);
        this.hostHeader = endpoint.getHost() + ":" + endpoint.getPort();
    }

    /** Sends {@code requests} generated requests from {@code seed}; failures are reported, never thrown. */
    public FuzzReport run(long seed, int requests) {
        return run(seed, requests, line -> {});
    }

    /** {@link #run(long, int)}, telling {@code progress} how far it is every {@value #PROGRESS_INTERVAL} requests. */
    public FuzzReport run(long seed, int requests, java.util.function.Consumer<String> progress) {
        long started = System.nanoTime();
        List<FuzzReport.Failure> failures = new ArrayList<>();
        Set<String> reasons = new HashSet<>();
        Map<Integer, Integer> statuses = new HashMap<>();
        Map<String, Integer> operations = new HashMap<>();
        Map<String, Long> categoryNanos = new HashMap<>();
        KnownValues known = new KnownValues();
        Map<String, ObjectNode> created = new LinkedHashMap<>();
        int[] index = {0};

        Recorder record = (request, reply, failure) -> {
            if (failures.size() < MAX_REPORTED_FAILURES && reasons.add(request.category() + " / " + reasonKind(failure))) {
                failures.add(new FuzzReport.Failure(index[0], failure, request.describe(), reply.describe()));
            }
        };
        Sender send = request -> {
            long sendStarted = System.nanoTime();
            RawHttp.Reply reply = http.send(request);
            categoryNanos.merge(request.category().replaceAll(":.*", ""), System.nanoTime() - sendStarted, Long::sum);
            statuses.merge(reply.status(), 1, Integer::sum);
            boolean named = request.isStsQuery() || model.inputShapeName(request.operation()).isPresent();
            operations.merge(named ? request.operation() : "(operations not in the model)", 1, Integer::sum);
            checker.check(request, reply).ifPresent(failure -> record.record(request, reply, failure));
            return reply;
        };

        Probe probe = probe(send, known);
        List<String> implemented = probe.implemented();
        List<String> knownGood = probe.knownGood();
        if (implemented.isEmpty() || knownGood.isEmpty()) {
            failures.add(new FuzzReport.Failure(0, "the server implements no operation of the model, or none that answers {} with 200", "", ""));
            return new FuzzReport(seed, 0, Duration.ofNanos(System.nanoTime() - started), implemented, failures, statuses, operations, 0, categoryNanos);
        }
        account(send).ifPresent(account -> known.add("AccountId", account));
        String account = known.valuesOf("AccountId").stream().findFirst().orElse("123456789012");

        RequestGenerator generator = new RequestGenerator(model, known, implemented, probe.unimplemented(), hostHeader);
        // Fixtures first, from their own random stream, so the run's requests depend on the seed alone.
        SplittableRandom fixtures = new SplittableRandom(seed ^ 0x5DEECE66DL);
        for (String operation : implemented) {
            if (!operation.startsWith("Create")) {
                continue;
            }
            for (int attempt = 0; attempt < 100; attempt++) {
                JsonNode input = generator.minimalInput(operation, fixtures);
                RawHttp.Reply reply = send.send(generator.glue("fixture", operation, RequestGenerator.body(input, fixtures)));
                if (reply.status() == 200) {
                    remember(operation, input, known, created, account);
                    break;
                }
            }
        }

        SplittableRandom random = new SplittableRandom(seed);
        int sent = 0;
        for (; sent < requests; sent++) {
            index[0] = sent;
            FuzzRequest request = generator.next(random);
            RawHttp.Reply reply = send.send(request);
            if (reply.status() == 200 && !request.isStsQuery()) {
                // What the server answers (ids, tokens, ARNs) feeds later requests, shape by shape.
                parse(reply.body()).ifPresent(answer -> learn(request.operation(), answer, known));
            }
            if (request.operation().startsWith("Create") && reply.status() == 200) {
                // Whatever the category: a mutated or chunked request may still create something to delete later.
                parse(request.body()).or(() -> parseChunked(request.body()))
                        .ifPresent(input -> remember(request.operation(), input, known, created, account));
            }
            if ((sent + 1) % LIVENESS_INTERVAL == 0) {
                alive(send, record, knownGood.get(0), generator);
            }
            if ((sent + 1) % PROGRESS_INTERVAL == 0) {
                double seconds = (System.nanoTime() - started) / 1e9;
                progress.accept(String.format("%d requests, %d failure(s), %.0f requests/s", sent + 1, failures.size(), (sent + 1) / seconds));
            }
        }
        index[0] = sent;
        for (Map.Entry<String, ObjectNode> resource : created.entrySet()) {
            String operation = resource.getKey().substring(0, resource.getKey().indexOf(' '));
            deleteAgain(send, generator, operation, resource.getValue());
        }
        alive(send, record, knownGood.get(0), generator);
        return new FuzzReport(seed, sent, Duration.ofNanos(System.nanoTime() - started), implemented, failures, statuses, operations, created.size(), categoryNanos);
    }

    /** What the server implements, learnt by asking. */
    private record Probe(List<String> implemented, List<String> unimplemented, List<String> knownGood) {}

    private Probe probe(Sender send, KnownValues known) {
        RequestGenerator probeGenerator = new RequestGenerator(model, known, List.of("GetSession"), List.of(), hostHeader);
        List<String> implemented = new ArrayList<>();
        List<String> unimplemented = new ArrayList<>();
        List<String> knownGood = new ArrayList<>();
        for (String operation : model.operationNames().stream().sorted().toList()) {
            // An unimplemented operation is refused before its body is read, so a malformed body tells them apart.
            RawHttp.Reply reply = send.send(probeGenerator.glue("probe", operation, "x".getBytes(UTF_8)));
            if (errorType(reply).equals("OperationNotSupportedException")) {
                unimplemented.add(operation);
                continue;
            }
            implemented.add(operation);
            if (send.send(probeGenerator.glue("probe", operation, "{}".getBytes(UTF_8))).status() == 200) {
                knownGood.add(operation);
            }
        }
        return new Probe(implemented, unimplemented, knownGood);
    }

    private static void alive(Sender send, Recorder record, String operation, RequestGenerator generator) {
        FuzzRequest request = generator.glue("liveness", operation, "{}".getBytes(UTF_8));
        RawHttp.Reply reply = send.send(request);
        if (reply.status() != 200) {
            record.record(request, reply, "the server no longer answers a known-good " + operation + " with 200");
        }
    }

    private void learn(String operation, JsonNode answer, KnownValues known) {
        model.outputShapeName(operation).ifPresent(shape -> learnValue(shape, answer, known, 0));
    }

    private void learnValue(String shapeName, JsonNode value, KnownValues known, int depth) {
        JsonNode shape = model.shape(shapeName);
        if (depth > 6 || value == null) {
            return;
        }
        switch (shape.path("type").asText()) {
            case "string" -> {
                if (value.isTextual() && value.asText().length() <= 1_024) {
                    known.add(shapeName, value.asText());
                }
            }
            case "structure" -> shape.path("members").fields().forEachRemaining(member ->
                    learnValue(member.getValue().path("shape").asText(), value.get(member.getKey()), known, depth + 1));
            case "list" -> value.forEach(element -> learnValue(shape.path("member").path("shape").asText(), element, known, depth + 1));
            default -> {
            }
        }
    }

    /** Remembers a created resource: its string members become known values of their shapes, and its ARN. */
    private void remember(String operation, JsonNode input, KnownValues known, Map<String, ObjectNode> created, String account) {
        String shapeName = model.inputShapeName(operation).orElseThrow();
        JsonNode members = model.shape(shapeName).path("members");
        ObjectNode key = json.createObjectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = input.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isTextual() && members.has(field.getKey()) && (field.getKey().equals("Id") || field.getKey().equals("Name"))) {
                known.add(members.get(field.getKey()).path("shape").asText(), field.getValue().asText());
                key.set(field.getKey(), field.getValue());
                String resource = operation.substring("Create".length()).toLowerCase(java.util.Locale.ROOT);
                known.add("GlueResourceArn", "arn:aws:glue:" + region + ":" + account + ":" + resource + "/" + field.getValue().asText());
            }
        }
        if (!key.isEmpty()) {
            created.put(operation + " " + key, key);
        }
    }

    private void deleteAgain(Sender send, RequestGenerator generator, String createOperation, ObjectNode key) {
        String delete = "Delete" + createOperation.substring("Create".length());
        Optional<String> shape = model.inputShapeName(delete);
        if (shape.isEmpty()) {
            return;
        }
        send.send(generator.glue("cleanup", delete, key.toString().getBytes(UTF_8)));
    }

    private Optional<String> account(Sender send) {
        byte[] body = "Action=GetCallerIdentity&Version=2011-06-15".getBytes(UTF_8);
        RawHttp.Reply reply = send.send(new FuzzRequest("sts-probe", "STS", "POST", "/", List.of(Map.entry("Host", hostHeader),
                Map.entry("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"), Map.entry("Content-Length", String.valueOf(body.length)),
                Map.entry("Connection", "close")), body, false));
        Matcher matcher = ACCOUNT.matcher(new String(reply.body(), UTF_8));
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private String errorType(RawHttp.Reply reply) {
        try {
            return json.readTree(reply.body()).path("__type").asText("");
        }
        catch (Exception e) {
            return "";
        }
    }

    private Optional<JsonNode> parseChunked(byte[] body) {
        try {
            return parse(RawHttp.dechunk(body));
        }
        catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private Optional<JsonNode> parse(byte[] body) {
        try {
            return Optional.ofNullable(json.readTree(body));
        }
        catch (Exception e) {
            return Optional.empty();
        }
    }

    /** The reason without its details, so that one bug found a hundred times is reported once. */
    private static String reasonKind(String reason) {
        int cut = reason.indexOf(" in ...");
        return (cut > 0 ? reason.substring(0, cut) : reason).replaceAll("[0-9]+", "N");
    }

    @FunctionalInterface
    private interface Recorder {
        void record(FuzzRequest request, RawHttp.Reply reply, String failure);
    }

    @FunctionalInterface
    private interface Sender {
        RawHttp.Reply send(FuzzRequest request);
    }
}
