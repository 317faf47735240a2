package io.github.neuralstyle4j.files;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;

/**
 * The target of a create-new write appeared while the work ran (another run writing the same new file): the result
 * was kept under another name, and the message says which.
 */
public final class TargetTakenException extends FileAlreadyExistsException {
    private static final long serialVersionUID = 1L;

    private final transient Path keptAs;

    public TargetTakenException(Path target, Path keptAs) {
        super(target.toString(), null, target + " was created by another program while this one worked (another run"
                + " with the same output?); it was left as it is and this result was written to " + keptAs);
        this.keptAs = keptAs;
    }

    public Path keptAs() {
        return keptAs;
    }

    @Override
    public String getMessage() {
        return getReason();
    }
}
