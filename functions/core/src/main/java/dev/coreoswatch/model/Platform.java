package dev.coreoswatch.model;

/** An OCI platform ({@code linux/amd64}); variant is null where the index gives none. */
public record Platform(String os, String architecture, String variant) {
    public Platform(String os, String architecture) {
        this(os, architecture, null);
    }

    public boolean matches(String os, String architecture) {
        return this.os.equals(os) && this.architecture.equals(architecture);
    }

    @Override
    public String toString() {
        return os + "/" + architecture + (variant == null ? "" : "/" + variant);
    }
}
