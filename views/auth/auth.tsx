import { Csrf } from '../shared/layout';

export type SignInView = { csrf: string; next: string; name?: string; error?: string };

export function SignInPage({ view }: { view: SignInView }) {
  return (
    <section class="narrow" aria-labelledby="signin-title">
      <h1 id="signin-title">Sign in to Vigil</h1>
      {view.error && (
        <p class="alert" role="alert">
          {view.error}
        </p>
      )}
      <form method="post" action="/login" class="stack">
        <Csrf token={view.csrf} />
        <input type="hidden" name="next" value={view.next} />
        <label for="name">User name</label>
        <input id="name" name="name" autocomplete="username" required value={view.name ?? ''} autofocus />
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        <button type="submit">Sign in</button>
      </form>
    </section>
  );
}

export type SetupView = { csrf: string; name?: string; error?: string; minLength: number };

/** The first-run page: only while no account exists, it creates the first admin. */
export function SetupPage({ view }: { view: SetupView }) {
  return (
    <section class="narrow" aria-labelledby="setup-title">
      <h1 id="setup-title">Welcome to Vigil</h1>
      <p>No one has an account yet. Create the first admin account; admins add everyone else.</p>
      {view.error && (
        <p class="alert" role="alert">
          {view.error}
        </p>
      )}
      <form method="post" action="/setup" class="stack">
        <Csrf token={view.csrf} />
        <label for="name">User name</label>
        <input id="name" name="name" autocomplete="username" required value={view.name ?? ''} />
        <label for="password">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          autocomplete="new-password"
          minlength={view.minLength}
          required
          aria-describedby="password-hint"
        />
        <p id="password-hint" class="muted">
          At least {view.minLength} characters.
        </p>
        <label for="confirm">Password again</label>
        <input id="confirm" name="confirm" type="password" autocomplete="new-password" required />
        <button type="submit">Create the admin account</button>
      </form>
    </section>
  );
}
