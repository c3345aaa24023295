package org.imlbench.openai.protocol;

/**
 * A body the protocol cannot accept: a request a server answers with HTTP 400 and an OpenAI-style error naming the
 * parameter, or a response a client cannot use.
 */
public final class ProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String param;

    /**
     * @param param the offending parameter (e.g. {@code max_tokens}), or null when the body as a whole is wrong
     * @param message what is wrong, for the user
     */
    public ProtocolException(String param, String message) {
        super(message);
        this.param = param;
    }

    /** @return the offending parameter, or null */
    public String param() {
        return param;
    }
}
