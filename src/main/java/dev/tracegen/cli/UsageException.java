package dev.tracegen.cli;

/**
 * A command line the command cannot run: unknown option, bad value, missing argument. It is an
 * {@link IllegalArgumentException} so that it ends with {@link ExitStatus#USAGE} like every other
 * invalid input; {@link #command()} names the help to point at.
 */
public final class UsageException extends IllegalArgumentException {
  private final String command;

  public UsageException(String command, String message) {
    super(message);
    this.command = command;
  }

  public String command() {
    return command;
  }
}
