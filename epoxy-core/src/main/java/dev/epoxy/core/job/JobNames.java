package dev.epoxy.core.job;

/** How error messages name a job: quoted, and shortened, since a request can make a name as long as it likes. */
public final class JobNames {
    private static final int MAX_ECHOED_LENGTH = 255;

    private JobNames() {}

    /** The name as an error message shows it: {@code 'name'}, at most 255 characters of it. */
    public static String quoted(String name) {
        return "'" + shortened(name) + "'";
    }

    /** At most 255 characters of {@code text}, with {@code ...} when cut. */
    public static String shortened(String text) {
        String value = String.valueOf(text);
        return value.length() <= MAX_ECHOED_LENGTH ? value : value.substring(0, MAX_ECHOED_LENGTH) + "...";
    }
}
