/** Where Vigil writes what it is doing: one timestamped line per event, on stderr by default. */
export type Logger = {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
};

export function createLogger(
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  now: () => Date = () => new Date(),
): Logger {
  const line = (level: string) => (message: string) => write(`${now().toISOString()} ${level} ${message}`);
  return { info: line('info'), warn: line('warn'), error: line('error') };
}

/** For commands whose output is the answer: keeps stderr for what went wrong. */
export function quietLogger(inner: Logger = createLogger()): Logger {
  return { info: () => {}, warn: inner.warn, error: inner.error };
}
