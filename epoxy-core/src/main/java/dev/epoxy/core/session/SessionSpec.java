package dev.epoxy.core.session;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a client asked for in CreateSession, with Glue's defaults applied. Immutable; the session's
 * changing state lives in {@link Session}.
 *
 * @param timeoutMinutes total lifetime before the session reaches TIMEOUT
 * @param idleTimeoutMinutes minutes without statement activity before the session reaches TIMEOUT
 */
public record SessionSpec(
        Optional<String> description,
        String role,
        SessionCommand command,
        int timeoutMinutes,
        int idleTimeoutMinutes,
        Map<String, String> defaultArguments,
        List<String> connections,
        Capacity capacity,
        Optional<String> securityConfiguration,
        String glueVersion,
        Optional<String> requestOrigin) {

    public static final int DEFAULT_TIMEOUT_MINUTES = 2880;
    public static final String DEFAULT_GLUE_VERSION = "5.0";
    public static final Capacity DEFAULT_CAPACITY = Capacity.ofWorkers(WorkerType.G_1X, 5);

    public SessionSpec {
        requireNonNull(description, "description is null");
        requireNonNull(role, "role is null");
        requireNonNull(command, "command is null");
        defaultArguments = Map.copyOf(requireNonNull(defaultArguments, "defaultArguments is null"));
        connections = List.copyOf(requireNonNull(connections, "connections is null"));
        requireNonNull(capacity, "capacity is null");
        requireNonNull(securityConfiguration, "securityConfiguration is null");
        requireNonNull(glueVersion, "glueVersion is null");
        requireNonNull(requestOrigin, "requestOrigin is null");
    }

    public SessionSpec withTimeoutMinutes(int minutes) {
        return new SessionSpec(description, role, command, minutes, idleTimeoutMinutes, defaultArguments, connections, capacity, securityConfiguration, glueVersion, requestOrigin);
    }

    /**
     * The language of {@code --session-language}, Python when absent.
     *
     * @throws dev.epoxy.core.EpoxyException INVALID_INPUT for a value that names no language
     *     ({@link SessionService#createSession} checks it before a session exists)
     */
    public SessionLanguage language() {
        String language = defaultArguments.get(SessionLanguage.ARGUMENT);
        return language == null ? SessionLanguage.PYTHON : SessionLanguage.fromArgument(language);
    }
}
