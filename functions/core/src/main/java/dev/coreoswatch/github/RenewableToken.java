package dev.coreoswatch.github;

/** A token source that can read its token again when GitHub refuses the one it gave (a rotated secret). */
public interface RenewableToken {
    /** Reads the token again after {@code rejected} got a 401; true when there is another token to try. */
    boolean renewAfter(String rejected);
}
