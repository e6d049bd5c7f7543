package dev.coreoswatch.pipeline;

import dev.coreoswatch.upstream.UpstreamException;

/** The architectures of one stream name different releases: the stream cannot be decided. */
public final class StreamDisagreementException extends UpstreamException {
    public StreamDisagreementException(String message) {
        super(message);
    }
}
