package org.imlbench.hf.hub;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Pulls a response body one chunk at a time and fails when nothing arrives for a while: {@code java.net.http} has
 * no read timeout, and a stalled download must end in a retry (with resume), not hang forever.
 */
final class StallGuardedBody implements AutoCloseable {
    private static final Object END = new Object();

    private final BlockingQueue<Object> arrivals = new LinkedBlockingQueue<>();
    private final Duration stallTimeout;
    private volatile Flow.Subscription subscription;

    /**
     * @param body the body publisher of a response
     * @param stallTimeout how long to wait for the next chunk
     */
    StallGuardedBody(Flow.Publisher<List<ByteBuffer>> body, Duration stallTimeout) {
        this.stallTimeout = stallTimeout;
        body.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                s.request(1);
            }

            @Override
            public void onNext(List<ByteBuffer> item) {
                arrivals.add(item);
            }

            @Override
            public void onError(Throwable t) {
                arrivals.add(t);
            }

            @Override
            public void onComplete() {
                arrivals.add(END);
            }
        });
    }

    /**
     * @return the next chunk, or null at the end of the body
     * @throws IOException when the transfer fails or stalls
     */
    @SuppressWarnings("unchecked")
    List<ByteBuffer> next() throws IOException {
        Object item;
        try {
            item = arrivals.poll(stallTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new InterruptedIOException("interrupted while downloading");
        }
        if (item == null) {
            close();
            throw new IOException("no data received for " + stallTimeout.toSeconds() + " s");
        }
        if (item == END) {
            return null;
        }
        if (item instanceof Throwable t) {
            throw t instanceof IOException io ? io : new IOException(t.getMessage(), t);
        }
        subscription.request(1);
        return (List<ByteBuffer>) item;
    }

    /** Stops the transfer (the connection is released). */
    @Override
    public void close() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }
}
