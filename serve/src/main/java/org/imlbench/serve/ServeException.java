package org.imlbench.serve;

import org.imlbench.openai.protocol.ErrorBody;

/** A request the server answers with an error status and an OpenAI-style error body. */
final class ServeException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient ErrorBody body;

    ServeException(int status, ErrorBody body) {
        super(body.message());
        this.status = status;
        this.body = body;
    }

    static ServeException badRequest(String param, String message) {
        return new ServeException(400, new ErrorBody(message, ErrorBody.INVALID_REQUEST, param, null));
    }

    int status() {
        return status;
    }

    ErrorBody body() {
        return body;
    }
}
