package dev.pitr.examples;

/**
 * An argument the command cannot use, found after picocli parsed the command line: a URI of the
 * wrong shape, a missing folder, options that exclude each other, or a builder refusing a value.
 * The command exits with {@link ExitCode#USAGE} and the message as its last line.
 */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An argument problem described by {@code message}. */
    public UsageException(String message) {
        super(message);
    }

    /** An argument problem described by {@code message}, found as {@code cause}. */
    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Runs {@code setup} (a builder call, a parse) and turns the {@link IllegalArgumentException}
     * or {@link IllegalStateException} it throws into a usage error, so that a bad value set
     * from the command line exits with {@link ExitCode#USAGE}.
     */
    public static <T> T check(java.util.function.Supplier<T> setup) {
        try {
            return setup.get();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }
}
