import { Csrf } from '../shared/layout';

type Role = 'admin' | 'technician' | 'viewer';
export type UserRow = { id: number; name: string; role: Role; disabled: boolean };

export type UsersView = {
  csrf: string;
  users: UserRow[];
  roles: { value: Role; label: string }[];
  me: number;
  form?: { name: string; role: Role; error: string };
  /** A password reset that was refused: for whom, and why. */
  reset?: { id: number; error: string };
  notice?: string;
  minLength: number;
};

function RoleSelect({ id, value, roles }: { id: string; value: Role; roles: UsersView['roles'] }) {
  return (
    <select id={id} name="role">
      {roles.map((r) => (
        <option value={r.value} selected={r.value === value}>
          {r.label}
        </option>
      ))}
    </select>
  );
}

export function UsersPage({ view }: { view: UsersView }) {
  return (
    <>
      <h1>Users</h1>
      {view.notice && (
        <p class="notice" role="status">
          {view.notice}
        </p>
      )}
      <table>
        <caption class="visually-hidden">Accounts</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Account</th>
            <th scope="col">Password</th>
          </tr>
        </thead>
        <tbody>
          {view.users.map((u) => (
            <tr>
              <td>
                {u.name}
                {u.id === view.me && <span class="muted"> (you)</span>}
              </td>
              <td>
                <form method="post" action={`/users/${u.id}`} class="inline">
                  <Csrf token={view.csrf} />
                  <label class="visually-hidden" for={`role-${u.id}`}>
                    Role of {u.name}
                  </label>
                  <RoleSelect id={`role-${u.id}`} value={u.role} roles={view.roles} />{' '}
                  <button type="submit">Change role</button>
                </form>
              </td>
              <td>
                <form method="post" action={`/users/${u.id}`} class="inline">
                  <Csrf token={view.csrf} />
                  <input type="hidden" name="disabled" value={u.disabled ? 'false' : 'true'} />
                  {u.disabled ? 'disabled ' : 'active '}
                  <button type="submit">{u.disabled ? `Enable ${u.name}` : `Disable ${u.name}`}</button>
                </form>
              </td>
              <td>
                {u.id === view.me ? (
                  // Resetting one's own would sign oneself out; changing it asks for the current one.
                  <a href="/account">Change yours on Your account</a>
                ) : (
                  <>
                    {view.reset?.id === u.id && (
                      <p class="alert" role="alert">
                        {view.reset.error}
                      </p>
                    )}
                    <form method="post" action={`/users/${u.id}/password`} class="inline">
                      <Csrf token={view.csrf} />
                      <label class="visually-hidden" for={`password-${u.id}`}>
                        New password for {u.name}
                      </label>
                      <input
                        id={`password-${u.id}`}
                        name="password"
                        type="password"
                        autocomplete="new-password"
                        minlength={view.minLength}
                        required
                      />{' '}
                      <button type="submit">Reset the password of {u.name}</button>
                    </form>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2 id="add-title">Add a user</h2>
      {view.form?.error && (
        <p class="alert" role="alert">
          {view.form.error}
        </p>
      )}
      <form method="post" action="/users" class="stack" aria-labelledby="add-title">
        <Csrf token={view.csrf} />
        <label for="new-name">User name</label>
        <input id="new-name" name="name" required value={view.form?.name ?? ''} />
        <label for="new-password">
          Password (at least {view.minLength} characters, not containing the user name)
        </label>
        <input id="new-password" name="password" type="password" autocomplete="new-password" required />
        <label for="new-role">Role</label>
        <RoleSelect id="new-role" value={view.form?.role ?? 'technician'} roles={view.roles} />
        <button type="submit">Add user</button>
      </form>
    </>
  );
}

export type AccountView = {
  csrf: string;
  name: string;
  role: Role;
  feedUrl: string;
  notice?: string;
  minLength: number;
  password?: { notice?: string; error?: string };
};

export function AccountPage({ view }: { view: AccountView }) {
  return (
    <>
      <h1>Your account</h1>
      <p>
        Signed in as <strong>{view.name}</strong> ({view.role}).
      </p>
      <h2 id="password-title">Change your password</h2>
      {view.password?.notice && (
        <p class="notice" role="status">
          {view.password.notice}
        </p>
      )}
      {view.password?.error && (
        <p class="alert" role="alert">
          {view.password.error}
        </p>
      )}
      <form method="post" action="/account/password" class="stack" aria-labelledby="password-title">
        <Csrf token={view.csrf} />
        <label for="current-password">Current password</label>
        <input
          id="current-password"
          name="current"
          type="password"
          autocomplete="current-password"
          required
        />
        <label for="changed-password">
          New password (at least {view.minLength} characters, not containing your user name)
        </label>
        <input
          id="changed-password"
          name="password"
          type="password"
          autocomplete="new-password"
          minlength={view.minLength}
          required
        />
        <label for="changed-confirm">New password again</label>
        <input id="changed-confirm" name="confirm" type="password" autocomplete="new-password" required />
        <button type="submit">Change the password</button>
      </form>
      <p class="muted">Changing it signs you out everywhere else.</p>
      <h2>Your recall feed</h2>
      {view.notice && (
        <p class="notice" role="status">
          {view.notice}
        </p>
      )}
      <p>
        An Atom feed of newly matched recalls, for a feed reader. The address is a secret: anyone who has it
        can read the feed. Renew it if it leaks; the old address stops working.
      </p>
      <p>
        <label for="feed-url">Feed address</label>
        <input id="feed-url" class="wide" readonly value={view.feedUrl} />
      </p>
      <form method="post" action="/account/feed-token">
        <Csrf token={view.csrf} />
        <button type="submit">Renew the feed address</button>
      </form>
      <h2>Sessions</h2>
      <p>Signed in somewhere you no longer are, such as a shared workstation or a lost phone?</p>
      <form method="post" action="/account/sign-out-everywhere">
        <Csrf token={view.csrf} />
        <button type="submit">Sign out everywhere, here too</button>
      </form>
    </>
  );
}
