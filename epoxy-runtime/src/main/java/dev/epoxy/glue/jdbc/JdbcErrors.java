package dev.epoxy.glue.jdbc;

import dev.epoxy.glue.GlueRuntimeException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/**
 * Turns a driver's failure into a {@link GlueRuntimeException} that names the connection and the table, says what
 * kind of failure it was (authentication, unreachable database, the statement) and never holds the password.
 */
public final class JdbcErrors {
    private JdbcErrors() {}

    public static GlueRuntimeException translate(Throwable failure, JdbcConnection connection, String action) {
        if (failure instanceof GlueRuntimeException glue) {
            return glue;
        }
        SQLException sql = find(failure, SQLException.class);
        String reason = scrub(sql != null ? detail(sql) : message(failure), connection.password());
        if (sql != null && isAuthentication(sql)) {
            return new GlueRuntimeException(GlueRuntimeException.Kind.IO,
                    "Cannot %s: authentication failed for user %s of %s: %s", action, connection.user(), connection.description(), reason);
        }
        if (isUnreachable(failure, sql)) {
            return new GlueRuntimeException(GlueRuntimeException.Kind.IO,
                    "Cannot %s: cannot connect to the database of %s within %s seconds (host unreachable or not answering): %s",
                    action, connection.description(), JdbcVendor.CONNECT_TIMEOUT_SECONDS, reason);
        }
        if (find(failure, ClassNotFoundException.class) != null) {
            return new GlueRuntimeException(GlueRuntimeException.Kind.NOT_SUPPORTED,
                    "Cannot %s: the JDBC driver of %s is not on the classpath: %s", action, connection.description(), reason);
        }
        return new GlueRuntimeException(GlueRuntimeException.Kind.IO, "Cannot %s through %s: %s", action, connection.description(), reason);
    }

    /** The message with every occurrence of the password masked: drivers echo URLs and properties. */
    static String scrub(String message, String password) {
        if (message == null) {
            return "";
        }
        return password == null || password.isEmpty() ? message : message.replace(password, "****");
    }

    private static boolean isAuthentication(SQLException e) {
        for (SQLException current = e; current != null; current = current.getNextException()) {
            String state = current.getSQLState() == null ? "" : current.getSQLState();
            // SQLSTATE class 28 is "invalid authorization specification"; MySQL/MariaDB error 1045 is access denied.
            if (state.startsWith("28") || current.getErrorCode() == 1045) {
                return true;
            }
            if (current.getNextException() == current) {
                break;
            }
        }
        return false;
    }

    private static boolean isUnreachable(Throwable failure, SQLException sql) {
        if (find(failure, ConnectException.class) != null || find(failure, SocketTimeoutException.class) != null
                || find(failure, UnknownHostException.class) != null) {
            return true;
        }
        String state = sql == null || sql.getSQLState() == null ? "" : sql.getSQLState();
        // SQLSTATE class 08 is "connection exception" (PostgreSQL's 08001 cannot connect, MariaDB's 08000).
        return state.startsWith("08");
    }

    private static String detail(SQLException e) {
        StringBuilder text = new StringBuilder(message(e));
        SQLException next = e.getNextException();
        if (next != null && next != e && next.getMessage() != null && !text.toString().contains(next.getMessage())) {
            text.append("; ").append(next.getMessage());
        }
        return text.toString();
    }

    private static String message(Throwable failure) {
        String message = failure.getMessage();
        return message == null ? failure.getClass().getSimpleName() : message.lines().findFirst().orElse("").trim();
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        int depth = 0;
        for (Throwable current = failure; current != null && depth < 20; current = current.getCause(), depth++) {
            if (type.isInstance(current)) {
                return type.cast(current);
            }
            if (current instanceof SQLException sql && sql.getNextException() != null && type.isInstance(sql.getNextException())) {
                return type.cast(sql.getNextException());
            }
        }
        return null;
    }
}
