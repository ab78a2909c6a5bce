import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signedIn, testWebApp } from '../support/web';

let web: ReturnType<typeof testWebApp>;
beforeEach(() => {
  web = testWebApp();
});
afterEach(() => web.close());

describe('signing out', () => {
  it('when the Cookie header carries a look-alike cookie before the session, then sign-out ends the real session', async () => {
    const pat = await signedIn(web.app, web.db, 'technician', 'pat');
    const account = await pat.request('/account');
    expect(account.status).toBe(200);
    const cookies = (pat as unknown as { cookies: Map<string, string> }).cookies;
    const real = `vigil_session=${cookies.get('vigil_session')}`;
    const out = await web.app.request('/logout', {
      method: 'POST',
      headers: { cookie: `xvigil_session=decoy; ${real}`, 'x-csrf-token': pat.csrf },
    });
    expect(out.status).toBe(303);
    const after = await web.app.request('/account', { headers: { cookie: real } });
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toMatch(/^\/login/);
  });
});
