package dev.epoxy.crawler;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class TestJdbcConnector {
    @Test
    void theReasonAddsTheCauseAndMasksAnEchoedPassword() {
        SQLException refused = new SQLException("The connection attempt failed.", new ConnectException("Connection refused"));
        assertThat(JdbcConnector.reason(refused, "s3cret")).isEqualTo("The connection attempt failed. (Connection refused)");
        SQLException echoed = new SQLException("Access denied for user 'epoxy' using password s3cret");
        assertThat(JdbcConnector.reason(echoed, "s3cret")).isEqualTo("Access denied for user 'epoxy' using password ****");
    }

    @Test
    void messagesShowUrlsWithoutTheirQuery() {
        assertThat(JdbcDatabase.withoutQuery("jdbc:postgresql://h:5432/epoxy?password=x")).isEqualTo("jdbc:postgresql://h:5432/epoxy");
        assertThat(JdbcDatabase.withoutQuery("jdbc:mariadb://h/shop")).isEqualTo("jdbc:mariadb://h/shop");
    }

    @Test
    void theEngineIsTheUrls() {
        assertThat(JdbcEngine.ofUrl("c", "jdbc:postgresql://h/epoxy")).isEqualTo(JdbcEngine.POSTGRESQL);
        assertThat(JdbcEngine.ofUrl("c", "jdbc:mariadb://h/shop").classification()).isEqualTo("mysql");
        assertThat(JdbcEngine.ofUrl("c", "jdbc:mysql://h/shop")).isEqualTo(JdbcEngine.MYSQL);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JdbcEngine.ofUrl("ora", "jdbc:oracle:thin:@h:1521/x?user=u"))
                .hasMessage("Cannot crawl through connection ora: its JDBC_CONNECTION_URL jdbc:oracle:thin:@h:1521/x is not a PostgreSQL (jdbc:postgresql:), "
                        + "MySQL (jdbc:mysql:) or MariaDB (jdbc:mariadb:) URL");
    }
}
