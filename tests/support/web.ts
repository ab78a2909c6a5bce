import { type AppDeps, createApp } from '../../src/app';
import { addUser } from '../../src/auth/users';
import type { Db } from '../../src/db/client';
import type { Role } from '../../src/db/schema';
import { browserFields, formsOf, type PageForm, type Typed } from './forms';
import { captureLog, openTestDb, tempDir } from './vigil';

/** Settings a test app starts with; a test overrides what it is about. */
export function webDefaults(): Omit<AppDeps, 'db' | 'log' | 'now'> {
  return {
    openFdaUrl: 'https://api.fda.gov',
    publicUrl: 'http://vigil.test',
    session: { idleMinutes: 480, maxHours: 168 },
    secureCookies: false,
    evidence: { dir: tempDir('vigil-evidence-'), maxBytes: 1024 * 1024 },
    dueDays: { I: 2, II: 7, III: 30, unclassified: 7 },
  };
}

/** The real app on a fresh migrated database, answering through app.request(). */
export function testWebApp(overrides: Partial<AppDeps> = {}) {
  const { db, file, close } = openTestDb();
  const log = captureLog();
  const deps: AppDeps = { db, log: log.log, now: () => new Date(), ...webDefaults(), ...overrides };
  const app = createApp(deps);
  return { app, db, file, deps, logLines: log.lines, close };
}

type App = ReturnType<typeof createApp>;

export const testPassword = 'correct horse battery staple';

/** Adds a user directly (as `vigil user add` does). */
export async function makeUser(db: Db, name: string, role: Role) {
  return addUser(db, { name, password: testPassword, role }, null, new Date());
}

/**
 * A person in a browser, without the browser: keeps cookies between requests, and reads the
 * CSRF token from the last page, as a form would carry it.
 */
export class WebClient {
  private cookies = new Map<string, string>();
  csrf = '';
  constructor(private readonly app: App) {}

  private remember(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const [name, ...value] = pair!.split('=');
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || /expires=Thu, 01 Jan 1970/i.test(a));
      if (expired) this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value.join('='));
    }
  }

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', this.cookieHeader());
    const res = await this.app.request(path, { ...init, headers });
    this.remember(res);
    return res;
  }

  /** GETs a page and keeps its CSRF token for the next form. */
  async get(path: string, init: RequestInit = {}): Promise<Response> {
    const res = await this.request(path, init);
    if ((res.headers.get('content-type') ?? '').includes('text/html')) {
      const html = await res.clone().text();
      const token =
        /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ??
        /X-CSRF-Token&quot;:&quot;([^&]+)&quot;/.exec(html)?.[1];
      if (token) this.csrf = token;
    }
    return res;
  }

  /** POSTs a form as a browser would, with the page's CSRF token unless one is given. */
  post(path: string, fields: Record<string, string> = {}, init: RequestInit = {}): Promise<Response> {
    const body = new URLSearchParams({ _csrf: this.csrf, ...fields });
    return this.request(path, {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(init.headers as Record<string, string>),
      },
      ...init,
    });
  }

  /**
   * Fills in and sends a form of the page at `pagePath` as a person in a browser would: every
   * field the form has goes with it, empty ones as "" (see forms.ts). `action` picks the form.
   */
  async submit(pagePath: string, action: string | RegExp, typed: Typed = {}): Promise<Response> {
    const page = await this.get(pagePath);
    const forms = formsOf(await page.text()).filter((f) => f.method === 'post');
    const form = forms.find((f) =>
      typeof action === 'string' ? f.action === action : action.test(f.action),
    );
    if (!form)
      throw new Error(
        `${pagePath} has no form posting to ${action}: ${forms.map((f) => f.action).join(', ')}`,
      );
    return this.send(form, typed);
  }

  /** Sends a form read off a page, as the browser would (see submit). */
  send(form: PageForm, typed: Typed = {}): Promise<Response> {
    const fields = browserFields(form, typed);
    if (form.enctype === 'multipart/form-data') {
      const body = new FormData();
      for (const [name, value] of fields) body.append(name, value);
      return this.request(form.action, { method: 'POST', body });
    }
    return this.request(form.action, {
      method: 'POST',
      body: new URLSearchParams(fields),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }

  /** An htmx request: the CSRF token as a header, as the page's hx-headers sends it. */
  htmx(path: string, method = 'GET', fields?: Record<string, string>): Promise<Response> {
    const headers: Record<string, string> = { 'hx-request': 'true', 'x-csrf-token': this.csrf };
    if (fields) headers['content-type'] = 'application/x-www-form-urlencoded';
    return this.request(path, { method, headers, body: fields ? new URLSearchParams(fields) : undefined });
  }

  /** Signs in through the sign-in form. */
  async signIn(name: string, password = testPassword): Promise<Response> {
    await this.get('/login');
    const res = await this.post('/login', { name, password, next: '/' });
    await this.get('/account');
    return res;
  }
}

/** A client signed in as a new user of the given role. */
export async function signedIn(app: App, db: Db, role: Role, name = `${role}-user`): Promise<WebClient> {
  await makeUser(db, name, role);
  const client = new WebClient(app);
  const res = await client.signIn(name);
  if (res.status !== 303) throw new Error(`sign-in as ${name} failed with ${res.status}`);
  return client;
}
