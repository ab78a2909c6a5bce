/** Where Vigil writes what it is doing: one timestamped line per event, on stderr by default. */
export type Logger = {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
};

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is escaped.
const controls = /[\u0000-\u0009\u000b-\u001f\u007f]|\n/g;

export function createLogger(
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  now: () => Date = () => new Date(),
): Logger {
  // One event, one line: a newline from a request (a crafted URL) must not forge a second entry.
  const line = (level: string) => (message: string) =>
    write(
      `${now().toISOString()} ${level} ${message.replace(controls, (c) => JSON.stringify(c).slice(1, -1))}`,
    );
  return { info: line('info'), warn: line('warn'), error: line('error') };
}

/** For commands whose output is the answer: keeps stderr for what went wrong. */
export function quietLogger(inner: Logger = createLogger()): Logger {
  return { info: () => {}, warn: inner.warn, error: inner.error };
}
