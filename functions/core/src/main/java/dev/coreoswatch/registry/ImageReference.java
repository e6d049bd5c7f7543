package dev.coreoswatch.registry;

import dev.coreoswatch.model.InvalidValueException;
import java.util.regex.Pattern;

/**
 * {@code registry/repository[:tag|@digest]} as Docker spells it. A name without a registry
 * part lives on Docker Hub, whose API host is {@code registry-1.docker.io}.
 */
public record ImageReference(String registry, String repository, String tag, String digest) {
    private static final Pattern REPOSITORY =
            Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");
    private static final Pattern HOST =
            Pattern.compile("[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?|\\[[0-9a-fA-F:]+\\](:[0-9]{1,5})?");
    private static final String DOCKER_HUB = "docker.io";
    private static final String IMAGE_FORM =
            "use host/repository[:tag][@sha256:digest] in lower case such as ghcr.io/owner/custom-coreos:stable";

    public static ImageReference parse(String text) {
        if (text == null || text.isBlank() || text.length() > 512) {
            throw new InvalidValueException("image reference", text, IMAGE_FORM);
        }
        String rest = text.strip();
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        String registry = DOCKER_HUB;
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost") || first.startsWith("[")) {
                registry = first;
                rest = rest.substring(slash + 1);
            }
        }
        if (registry.equals(DOCKER_HUB) && !rest.contains("/")) {
            rest = "library/" + rest;
        }
        ImageReference ref = new ImageReference(registry, rest, tag == null && digest == null ? "latest" : tag, digest);
        ref.validate(text);
        return ref;
    }

    private void validate(String original) {
        if (!HOST.matcher(registry).matches()
                || !REPOSITORY.matcher(repository).matches()
                || repository.length() > 255
                || (tag != null && !TAG.matcher(tag).matches())
                || (digest != null && !DIGEST.matcher(digest).matches())) {
            throw new InvalidValueException("image reference", original, IMAGE_FORM);
        }
    }

    /** The same repository at another tag; the tag is validated like a parsed one. */
    public ImageReference withTag(String newTag) {
        ImageReference ref = new ImageReference(registry, repository, newTag, null);
        ref.validate(registry + "/" + repository + ":" + newTag);
        return ref;
    }

    /** Image name without tag or digest, as written in reports and ledger keys. */
    public String name() {
        return registry + "/" + repository;
    }

    /** The host:port the distribution API is spoken to. */
    public String apiHost() {
        return registry.equals(DOCKER_HUB) ? "registry-1.docker.io" : registry;
    }

    /** Tag or digest, whichever addresses the manifest (the digest wins). */
    public String reference() {
        return digest != null ? digest : tag;
    }

    @Override
    public String toString() {
        return name() + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }
}
