package dev.epoxy.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.epoxy.glue.model.GlueJson;
import dev.epoxy.server.http.GlueErrors.GlueError;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/** Jetty's own error pages (unreadable requests, escaped failures) as AWS-format JSON, never HTML. */
final class JsonErrorHandler extends ErrorHandler {
    private static final ObjectMapper JSON = GlueJson.newObjectMapper();

    JsonErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
    }

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause, Callback callback) {
        Object attribute = request.getAttribute(GlueRequestHandler.REQUEST_ID_ATTRIBUTE);
        String requestId = attribute instanceof String id ? id : UUID.randomUUID().toString();
        response.getHeaders().put(GlueRequestHandler.REQUEST_ID_HEADER, requestId);
        GlueRequestHandler.writeError(response, callback, GlueErrors.errorOfHttpStatus(code, message, requestId));
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        // Requests Jetty cannot parse never reach a handler; answer them in the same format.
        String requestId = UUID.randomUUID().toString();
        GlueError error = GlueErrors.errorOfHttpStatus(status, reason, requestId);
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, GlueJson.CONTENT_TYPE));
        fields.put(GlueRequestHandler.REQUEST_ID_HEADER, requestId);
        fields.put(GlueRequestHandler.ERROR_TYPE_HEADER, error.type());
        String body = "{\"__type\":\"" + error.type() + "\",\"Message\":" + quote(error.message()) + "}";
        return ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8));
    }

    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        }
        catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return "\"Bad request\"";
        }
    }
}
