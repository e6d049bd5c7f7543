package dev.coreoswatch.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What Lambda needs to run one {@code AWS::Serverless::Function}, with the template's Globals applied.
 *
 * @param literalEnvironment the environment variables whose template values are plain strings; values
 *                           built from parameters or resources exist only once deployed
 */
public record FunctionDefinition(
        String logicalId,
        Path codeUri,
        String handler,
        int memoryMb,
        Duration timeout,
        String logFormat,
        Map<String, String> literalEnvironment) {

    /** The handler's class: the part before {@code ::}. */
    public String handlerClass() {
        int colons = handler.indexOf("::");
        return colons < 0 ? handler : handler.substring(0, colons);
    }
}
