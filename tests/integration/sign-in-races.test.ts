import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addUser, listUsers } from '../../src/auth/users';
import { loadConfig } from '../../src/config';
import { closeDatabase, openDatabase } from '../../src/db/client';
import { startServer } from '../../src/main';
import { captureLog, tempDir } from '../support/vigil';
import { testPassword } from '../support/web';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean();
});

/** A real server on localhost over a new database file, with `people` added before it starts. */
async function realServer(people: { name: string; role: 'admin' | 'technician' | 'viewer' }[] = []) {
  const file = path.join(tempDir(), 'vigil.db');
  const db = openDatabase(file);
  for (const p of people) await addUser(db, { ...p, password: testPassword }, null, new Date());
  closeDatabase(db);
  const config = loadConfig({ VIGIL_DB: file, VIGIL_SYNC_SCHEDULE: 'off', VIGIL_SYNC_ON_START: 'false' });
  const server = await startServer({ ...config, port: 0 }, captureLog().log);
  cleanups.push(() => server.close());
  return { url: server.url, file };
}

/** A page's form cookie and CSRF token, as a browser holds them after loading it. */
async function formOf(url: string) {
  const page = await fetch(url);
  const cookie = page.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .join('; ');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  return { cookie, csrf };
}

const postForm = (url: string, cookie: string, fields: Record<string, string>) =>
  fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields),
  });

const sessionOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .find((c) => c.startsWith('vigil_session='))
    ?.split(';')[0];

/**
 * Sends a request head announcing a large body and only a little of it, and gives back the
 * status line of the answer, or "no answer" when none came within a few seconds.
 */
function statusOfHalfSentUpload(url: string, target: string, cookie: string, csrf: string) {
  const boundary = 'vigil-test-boundary';
  const start = `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\nasset_tag\r\n`;
  return statusOfHalfSent(url, target, cookie, `multipart/form-data; boundary=${boundary}`, start);
}

function statusOfHalfSent(url: string, target: string, cookie: string, type: string, start: string) {
  const { hostname, port } = new URL(url);
  const head = [
    `POST ${target} HTTP/1.1`,
    `Host: ${hostname}:${port}`,
    `Cookie: ${cookie}`,
    `Content-Type: ${type}`,
    `Content-Length: ${20 * 1024 * 1024}`,
    '',
    '',
  ].join('\r\n');
  return new Promise<string>((resolve) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(head + start));
    let answer = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve('no answer');
    }, 3000);
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
      if (answer.includes('\r\n')) {
        clearTimeout(timer);
        socket.destroy();
        resolve(answer.slice(0, answer.indexOf('\r\n')));
      }
    });
    socket.on('error', () => undefined);
  });
}

const openSocket = (url: string) =>
  new Promise<net.Socket>((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const socket = net.connect(Number(port), hostname, () => resolve(socket));
    socket.once('error', reject);
  });

/** Writes a form post on an open connection and reads the whole answer. */
function sendForm(
  socket: net.Socket,
  url: string,
  target: string,
  cookie: string,
  fields: Record<string, string>,
) {
  const body = new URLSearchParams(fields).toString();
  const request = [
    `POST ${target} HTTP/1.1`,
    `Host: ${new URL(url).host}`,
    `Cookie: ${cookie}`,
    'Content-Type: application/x-www-form-urlencoded',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
  return new Promise<{ status: number; head: string; body: string }>((resolve, reject) => {
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const answer = Buffer.concat(chunks).toString('utf8');
      const split = answer.indexOf('\r\n\r\n');
      const head = answer.slice(0, split);
      resolve({ status: Number(head.split(' ')[1]), head, body: answer.slice(split + 4) });
    });
    socket.write(request);
  });
}

describe('sign-in under a burst of guesses', () => {
  it('when 25 guesses arrive at once with the right password last, then it does not sign in and most are not even checked', async () => {
    const { url } = await realServer([{ name: 'pat', role: 'technician' }]);
    const { cookie, csrf } = await formOf(`${url}/login`);
    // Every connection is open before any guess is written, so the guesses reach the server in
    // the order written: the 24 wrong ones, and a tenth of a second later (well before a password
    // check ends) the right one.
    const sockets = await Promise.all(Array.from({ length: 25 }, () => openSocket(url)));
    const guess = (socket: net.Socket, password: string) =>
      sendForm(socket, url, '/login', cookie, { _csrf: csrf, name: 'pat', password, next: '/' });
    const wrong = sockets.slice(0, 24).map((socket, i) => guess(socket, `wrong guess number ${i}`));
    await new Promise((r) => setTimeout(r, 100));
    const right = guess(sockets[24]!, testPassword);
    const answers = await Promise.all([...wrong, right]);
    const last = answers.at(-1)!;
    expect(last.head).not.toMatch(/^set-cookie: vigil_session=/im);
    expect(last.status).toBe(429);
    const checked = answers.filter((a) => a.status === 401).length;
    // Five are checked at once; on a slow machine a sixth may come after the first wait.
    expect(checked).toBeLessThanOrEqual(6);
    expect(last.body).toContain('Try again in');
  }, 30_000);
});

describe('the first-run page posted concurrently', () => {
  it('when six first-run forms are posted at once on an empty database, then exactly one admin is made and the others are refused', async () => {
    const { url, file } = await realServer();
    const forms = await Promise.all(Array.from({ length: 6 }, () => formOf(`${url}/setup`)));
    const answers = await Promise.all(
      forms.map((f, i) =>
        postForm(`${url}/setup`, f.cookie, {
          _csrf: f.csrf,
          name: `admin ${i}`,
          password: testPassword,
          confirm: testPassword,
        }),
      ),
    );
    const db = openDatabase(file);
    cleanups.push(() => closeDatabase(db));
    expect(listUsers(db)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 303)).toHaveLength(1);
    const refused = answers.filter((a) => a.status !== 303);
    expect(refused.map((a) => a.status)).toEqual([403, 403, 403, 403, 403]);
    for (const a of refused) expect(await a.text()).toContain('Vigil already has an admin');
  }, 30_000);
});

describe('the first-run page of two servers on one database file', () => {
  it('when first-run forms are posted at once to two servers sharing the file, then exactly one admin is made', async () => {
    const { url: first, file } = await realServer();
    const config = loadConfig({ VIGIL_DB: file, VIGIL_SYNC_SCHEDULE: 'off', VIGIL_SYNC_ON_START: 'false' });
    const other = await startServer({ ...config, port: 0 }, captureLog().log);
    cleanups.push(() => other.close());
    const urls = [first, other.url, first, other.url];
    const forms = await Promise.all(urls.map((url) => formOf(`${url}/setup`)));
    const answers = await Promise.all(
      forms.map((f, i) =>
        postForm(`${urls[i]}/setup`, f.cookie, {
          _csrf: f.csrf,
          name: `admin ${i}`,
          password: testPassword,
          confirm: testPassword,
        }),
      ),
    );
    const db = openDatabase(file);
    cleanups.push(() => closeDatabase(db));
    expect(listUsers(db)).toHaveLength(1);
    expect(answers.map((a) => a.status).sort()).toEqual([303, 403, 403, 403]);
  }, 30_000);
});

describe('uploads from people who may not upload', () => {
  it('when a signed-out client starts sending a huge sign-in form, then it is refused before the body is read', async () => {
    const { url } = await realServer([{ name: 'pat', role: 'technician' }]);
    const { cookie, csrf } = await formOf(`${url}/login`);
    const status = await statusOfHalfSent(
      url,
      '/login',
      cookie,
      'application/x-www-form-urlencoded',
      `_csrf=${csrf}&name=pat&password=`,
    );
    expect(status).toMatch(/^HTTP\/1\.1 413/);
  });

  it.each(['/inventory/import', '/incidents/1/files', '/recalls/Z-0001-2024/evidence'])(
    'when a signed-out client starts a large upload to %s, then it is sent to sign in before the body is read',
    async (target) => {
      const { url } = await realServer([{ name: 'pat', role: 'technician' }]);
      const { cookie, csrf } = await formOf(`${url}/login`);
      expect(await statusOfHalfSentUpload(url, target, cookie, csrf)).toMatch(/^HTTP\/1\.1 303/);
    },
  );

  it('when a viewer starts a large upload, then it is refused before the body is read', async () => {
    const { url } = await realServer([{ name: 'vic', role: 'viewer' }]);
    const { cookie, csrf } = await formOf(`${url}/login`);
    const signIn = await postForm(`${url}/login`, cookie, {
      _csrf: csrf,
      name: 'vic',
      password: testPassword,
      next: '/',
    });
    const session = sessionOf(signIn)!;
    expect(await statusOfHalfSentUpload(url, '/inventory/import', session, 'not needed')).toMatch(
      /^HTTP\/1\.1 403/,
    );
  });
});
