import { Csrf } from '../shared/layout';

type Role = 'admin' | 'technician' | 'viewer';
export type UserRow = { id: number; name: string; role: Role; disabled: boolean };

export type UsersView = {
  csrf: string;
  users: UserRow[];
  roles: { value: Role; label: string }[];
  me: number;
  form?: { name: string; role: Role; error: string };
  notice?: string;
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
        <label for="new-password">Password (at least 12 characters)</label>
        <input id="new-password" name="password" type="password" autocomplete="new-password" required />
        <label for="new-role">Role</label>
        <RoleSelect id="new-role" value={view.form?.role ?? 'technician'} roles={view.roles} />
        <button type="submit">Add user</button>
      </form>
    </>
  );
}

export type AccountView = { csrf: string; name: string; role: Role; feedUrl: string; notice?: string };

export function AccountPage({ view }: { view: AccountView }) {
  return (
    <>
      <h1>Your account</h1>
      <p>
        Signed in as <strong>{view.name}</strong> ({view.role}).
      </p>
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
    </>
  );
}
