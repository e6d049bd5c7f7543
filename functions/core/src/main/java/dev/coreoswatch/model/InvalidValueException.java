package dev.coreoswatch.model;

/**
 * A value from outside (upstream JSON, a label, configuration) that does not have the shape we
 * accept. The message quotes the value through {@link Printable#quote} so that hostile input
 * cannot forge log lines or terminal output.
 */
public class InvalidValueException extends RuntimeException {
    public InvalidValueException(String what, String value) {
        super(what + " " + Printable.quote(value) + " is not valid");
    }

    /** {@code expected} names the accepted form, e.g. {@code use true or false}. */
    public InvalidValueException(String what, String value, String expected) {
        super(what + " " + Printable.quote(value) + " is not valid: " + expected);
    }

    public InvalidValueException(String message) {
        super(message);
    }
}
