package io.github.neuralstyle4j.gradient;

import io.github.neuralstyle4j.backbone.BackboneException;

/** A forward operator with no backward rule: never silently treated as a zero gradient. */
public final class UnsupportedOperatorException extends BackboneException {
    private static final long serialVersionUID = 1L;

    public UnsupportedOperatorException(String opType, String nodeName, String detail) {
        super("no backward rule for operator " + opType + " (node '" + nodeName + "')"
                + (detail.isEmpty() ? "" : ": " + detail) + "; supported: " + BackwardRules.supportedOperators());
    }
}
