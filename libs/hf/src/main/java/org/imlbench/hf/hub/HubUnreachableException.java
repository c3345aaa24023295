package org.imlbench.hf.hub;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;

/** The hub did not answer at all: no network, a wrong endpoint, a host that refuses or never answers. */
final class HubUnreachableException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String reason;

    /**
     * @param repo the repository being resolved
     * @param env the hub settings (endpoint, cache, timeout)
     * @param cause the failed request
     */
    HubUnreachableException(RepoId repo, HubEnvironment env, IOException cause) {
        super(repo.repo() + ": cannot reach the Hugging Face hub at " + env.describeEndpoint() + ": "
                + reason(cause, env) + ". " + remedies(env, false) + ".", cause);
        this.reason = reason(cause, env);
    }

    /** @return why the request failed, in words */
    String reason() {
        return reason;
    }

    /**
     * @param env the hub settings
     * @param localPathToo whether to suggest a local checkpoint directory as well
     * @return what the user can do, as a sentence
     */
    static String remedies(HubEnvironment env, boolean localPathToo) {
        return "Set HF_HUB_OFFLINE=1 to use only the models already in " + env.cacheDir() + ", set HF_ENDPOINT to "
                + "a hub or mirror you can reach" + (localPathToo ? ", or pass a local checkpoint directory" : "");
    }

    private static String reason(IOException e, HubEnvironment env) {
        boolean unresolved = false;
        for (Throwable t = e; t != null && !unresolved; t = t.getCause() == t ? null : t.getCause()) {
            // the HTTP client wraps it twice, in ConnectExceptions without a message
            unresolved = t instanceof UnresolvedAddressException;
        }
        if (unresolved) {
            return "its host name does not resolve (no network, or a misspelled HF_ENDPOINT)";
        }
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection within the timeout";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + env.metadataTimeout().toMillis() / 1000.0 + " s (HF_HUB_ETAG_TIMEOUT)";
        }
        if (e instanceof ConnectException) {
            return "the connection was refused";
        }
        return e.getMessage() != null ? e.getClass().getSimpleName() + ": " + e.getMessage()
                : e.getClass().getSimpleName();
    }
}
