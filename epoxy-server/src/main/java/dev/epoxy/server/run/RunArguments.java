package dev.epoxy.server.run;

import static java.util.Objects.requireNonNull;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.ErrorCode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command line of {@code epoxy run}: {@code [--home DIR] [--config key=value ...] [--endpoint URL]
 * [--type glueetl|pythonshell] SCRIPT [--KEY value | --KEY=value ...]}. What comes before the script is
 * Epoxy's; everything after it is the script's. Pure; pinned by {@code TestRunArguments}.
 *
 * @param configArguments the options for Epoxy's configuration loader ({@code --home}, {@code --config})
 * @param endpoint {@code --endpoint}: the Glue endpoint of a running server, for the catalog
 * @param commandName {@code --type}: {@code glueetl} (the default) or {@code pythonshell}
 * @param scriptArguments the script's arguments, keys with their {@code --}, in order
 */
record RunArguments(List<String> configArguments, Optional<String> endpoint, String commandName, String script, Map<String, String> scriptArguments) {
    static final String USAGE = "./epoxy run [--home DIR] [--config key=value ...] [--endpoint URL] [--type glueetl|pythonshell] SCRIPT [--KEY value ...]";

    RunArguments {
        configArguments = List.copyOf(configArguments);
        requireNonNull(endpoint, "endpoint is null");
        requireNonNull(commandName, "commandName is null");
        requireNonNull(script, "script is null");
        scriptArguments = Collections.unmodifiableMap(new LinkedHashMap<>(scriptArguments));
    }

    /** @throws EpoxyException {@code INVALID_INPUT} naming what is wrong, for the usage message */
    static RunArguments parse(List<String> args) {
        List<String> configArguments = new ArrayList<>();
        Optional<String> endpoint = Optional.empty();
        String commandName = "glueetl";
        int i = 0;
        while (i < args.size() && args.get(i).startsWith("--")) {
            String option = args.get(i);
            String value = valueAfter(args, i, option);
            switch (option) {
                case "--home", "--config" -> configArguments.addAll(List.of(option, value));
                case "--endpoint" -> endpoint = Optional.of(value);
                case "--type" -> {
                    if (!value.equals("glueetl") && !value.equals("pythonshell")) {
                        throw invalid("Invalid --type %s (expected glueetl or pythonshell)", value);
                    }
                    commandName = value;
                }
                default -> throw invalid("Unknown option %s before the script (expected %s)", option, USAGE);
            }
            i += 2;
        }
        if (i >= args.size()) {
            throw invalid("No script given (expected %s)", USAGE);
        }
        String script = args.get(i++);
        Map<String, String> scriptArguments = new LinkedHashMap<>();
        while (i < args.size()) {
            String argument = args.get(i);
            if (!argument.startsWith("--") || argument.length() == 2) {
                throw invalid("Script argument %s is not --KEY (script arguments are --KEY value pairs)", argument);
            }
            int equals = argument.indexOf('=');
            if (equals > 2) {
                scriptArguments.put(argument.substring(0, equals), argument.substring(equals + 1));
                i++;
            }
            else {
                scriptArguments.put(argument, valueAfter(args, i, argument));
                i += 2;
            }
        }
        return new RunArguments(configArguments, endpoint, commandName, script, scriptArguments);
    }

    private static String valueAfter(List<String> args, int index, String option) {
        if (index + 1 >= args.size()) {
            throw invalid("%s needs a value", option);
        }
        return args.get(index + 1);
    }

    private static EpoxyException invalid(String format, Object... args) {
        return new EpoxyException(ErrorCode.INVALID_INPUT, format, args);
    }
}
