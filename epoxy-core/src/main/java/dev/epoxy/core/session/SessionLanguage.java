package dev.epoxy.core.session;

/** The language statements of a session are written in, from {@code --session-language}. */
public enum SessionLanguage {
    PYTHON,
    SCALA
}
