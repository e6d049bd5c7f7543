package dev.coreoswatch.local;

/** template.yaml cannot be read or does not define what was asked for. */
public final class TemplateException extends RuntimeException {
    public TemplateException(String message) {
        super(message);
    }
}
