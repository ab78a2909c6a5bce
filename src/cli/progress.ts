/**
 * One self-updating status line on an interactive terminal; silent when output is piped or
 * logged, so logs and scripts see only the results.
 */
export function terminalProgress(stream: NodeJS.WriteStream = process.stderr) {
  let shown = false;
  let last = 0;
  return {
    update(line: string) {
      if (!stream.isTTY) return;
      const t = Date.now();
      if (t - last < 100) return;
      last = t;
      stream.write(`\r\x1b[K${line.slice(0, (stream.columns || 100) - 1)}`);
      shown = true;
    },
    done() {
      if (shown) stream.write('\r\x1b[K');
      shown = false;
    },
  };
}
