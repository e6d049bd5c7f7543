package dev.coreoswatch.testing;

import java.nio.file.Path;
import java.util.List;

/**
 * A bcrypt htpasswd line for the registry's Basic auth. {@code htpasswd} (apt package
 * apache2-utils) when installed, else Python's {@code crypt} (Python 3.12 and older), the same
 * choice as shared/tools/local-registry.sh. Cost 4: at the default cost every request to the
 * registry spends ~100 ms on bcrypt.
 */
record Htpasswd(String line, String tool) {

    static Htpasswd create(Path workDir, String username, String password) {
        if (ExternalTool.find("htpasswd").isPresent()) {
            String out =
                    ExternalTool.run(workDir, List.of("htpasswd", "-nbB", "-C", "4", username, password), password);
            return new Htpasswd(firstLine(out), "htpasswd (apache2-utils)");
        }
        if (ExternalTool.find("python3").isPresent()) {
            String script = "import sys, crypt\n"
                    + "print(sys.argv[1] + ':' + crypt.crypt(sys.argv[2], crypt.mksalt(crypt.METHOD_BLOWFISH, rounds=16)))";
            try {
                String out = ExternalTool.run(
                        workDir, List.of("python3", "-W", "ignore", "-c", script, username, password), password);
                return new Htpasswd(firstLine(out), "python3 crypt");
            } catch (IllegalStateException noCrypt) {
                throw new IllegalStateException(
                        "cannot make a bcrypt htpasswd line: python3 has no crypt module here;"
                                + " install htpasswd with: apt-get install -y apache2-utils",
                        noCrypt);
            }
        }
        throw new IllegalStateException(
                "cannot make a bcrypt htpasswd line: install htpasswd with: apt-get install -y apache2-utils");
    }

    private static String firstLine(String output) {
        String line = output.strip().lines().findFirst().orElse("");
        if (!line.contains(":$2")) {
            throw new IllegalStateException("the htpasswd tool did not print a bcrypt line");
        }
        return line;
    }
}
