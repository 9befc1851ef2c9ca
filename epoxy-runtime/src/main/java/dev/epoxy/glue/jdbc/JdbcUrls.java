package dev.epoxy.glue.jdbc;

import static dev.epoxy.glue.GlueRuntimeException.checkInput;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The parts of {@code jdbc:<vendor>://host[:port]/database[?params]} URLs Glue works with. */
public final class JdbcUrls {
    // jdbc:<subprotocol>://<authority>[/<database>][?;<params>]
    private static final Pattern HIERARCHICAL = Pattern.compile("(jdbc:[a-z0-9]+://[^/?;]*)(/[^?;]*)?([?;].*)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z0-9_$-]+");

    private JdbcUrls() {}

    /** {@code jdbc:<vendor>://host:port}: the deprecated {@code url} of {@code extract_jdbc_conf}. */
    public static String hostAndPort(String url) {
        Matcher matcher = HIERARCHICAL.matcher(url);
        return matcher.matches() ? matcher.group(1) : url;
    }

    /** The URL without its parameters (which may hold credentials), for messages. */
    public static String withoutQuery(String url) {
        int end = url.length();
        for (char separator : new char[] {'?', ';'}) {
            int index = url.indexOf(separator);
            if (index >= 0 && index < end) {
                end = index;
            }
        }
        return url.substring(0, end);
    }

    /**
     * The URL with its database replaced by {@code database} (SQL Server's {@code databaseName} parameter).
     *
     * @throws dev.epoxy.glue.GlueRuntimeException INVALID_INPUT for a database name that is not a plain name
     */
    public static String withDatabase(String url, String database) {
        checkInput(DATABASE_NAME.matcher(database).matches(), "Invalid database %s: use a plain database name", database);
        if (url.toLowerCase().startsWith("jdbc:sqlserver:")) {
            String base = url.replaceAll("(?i);databaseName=[^;]*", "");
            return base + ";databaseName=" + database;
        }
        Matcher matcher = HIERARCHICAL.matcher(url);
        checkInput(matcher.matches(), "Cannot set the database of JDBC URL %s", withoutQuery(url));
        return matcher.group(1) + "/" + database + (matcher.group(3) == null ? "" : matcher.group(3));
    }
}
