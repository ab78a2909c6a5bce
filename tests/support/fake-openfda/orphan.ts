import fs from 'node:fs';

/** The chain of processes above this one (tsx, sh, npm, …), read from /proc where there is one. */
function ancestors(limit = 4): number[] {
  const chain: number[] = [];
  let pid = process.ppid;
  while (pid > 1 && chain.length < limit) {
    chain.push(pid);
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      pid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    } catch {
      break;
    }
  }
  return chain;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Stops the fake when whatever started it is gone. `npm run fake-openfda` runs it under sh and
 * tsx, and killing npm (as a test script's clean-up does) leaves those two behind, serving on.
 */
export function stopWhenOrphaned(stop: () => void): void {
  const chain = ancestors();
  if (chain.length === 0) return;
  const timer = setInterval(() => {
    if (chain.some((pid) => !alive(pid))) {
      clearInterval(timer);
      stop();
    }
  }, 1000);
  timer.unref();
}
