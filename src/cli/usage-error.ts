/** The command line asks for something that cannot be done as written (exit 2): the message says what to change. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
