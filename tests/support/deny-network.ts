/**
 * Refuses every outbound connection that is not to this machine, so no test can reach the
 * internet by accident (openFDA included: tests talk to the local fake). Loaded by vitest as a
 * setup file and by child processes that tests start (`--import`).
 */
import net from 'node:net';

const loopback = new Set(['localhost', '127.0.0.1', '::1', '::ffff:127.0.0.1']);

function targetHost(args: unknown[]): string | undefined {
  const first = args[0];
  if (Array.isArray(first)) return targetHost(first);
  if (first && typeof first === 'object') {
    const options = first as { host?: string; path?: string };
    if (options.path) return undefined; // a unix socket stays on this machine
    return options.host ?? 'localhost';
  }
  if (typeof first === 'string' && Number.isNaN(Number(first))) return undefined; // unix socket path
  return typeof args[1] === 'string' ? args[1] : 'localhost';
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
  const host = targetHost(args);
  if (host !== undefined && !loopback.has(host) && !host.startsWith('127.')) {
    const error = Object.assign(new Error(`outbound network denied in tests: ${host}`), {
      code: 'ECONNREFUSED',
    });
    process.nextTick(() => this.destroy(error));
    return this;
  }
  return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;
