import type { Child } from 'hono/jsx';

/** Who is signed in, as the layout shows it. */
export type Viewer = { name: string; role: 'admin' | 'technician' | 'viewer' } | null;

export type LayoutProps = { title: string; viewer: Viewer; csrf: string; children?: Child };

const links = [
  { href: '/', label: 'Inbox' },
  { href: '/recalls', label: 'All recalls' },
  { href: '/inventory', label: 'Inventory' },
  { href: '/incidents', label: 'Incidents' },
  { href: '/events', label: 'MAUDE' },
  { href: '/reports/compliance', label: 'Reports' },
  { href: '/sync', label: 'Sync' },
];

function SiteLinks({ viewer, class: className }: { viewer: NonNullable<Viewer>; class: string }) {
  return (
    <nav aria-label="Main" class={className}>
      <ul>
        {links.map((l) => (
          <li>
            <a href={l.href}>{l.label}</a>
          </li>
        ))}
        {viewer.role === 'admin' && (
          <>
            <li>
              <a href="/users">Users</a>
            </li>
            <li>
              <a href="/admin/facility">Facility</a>
            </li>
            <li>
              <a href="/baseline">Baseline</a>
            </li>
          </>
        )}
      </ul>
    </nav>
  );
}

/**
 * Every page: landmarks, a skip link for keyboard users, htmx served by Vigil itself, and the
 * CSRF token every htmx request sends as a header.
 */
export function Layout({ title, viewer, csrf, children }: LayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title === 'Vigil' ? title : `${title} · Vigil`}</title>
        <link rel="stylesheet" href="/static/vigil.css" />
        <link rel="icon" href="/static/icon.svg" type="image/svg+xml" />
        {/* A form fragment answered 422 carries its field errors, and an error page its message: show both in place.
            The indicator's style comes with our stylesheet: htmx would add it inline, which the CSP refuses. */}
        <meta
          name="htmx-config"
          content={JSON.stringify({
            includeIndicatorStyles: false,
            responseHandling: [
              { code: '204', swap: false },
              { code: '[23]..', swap: true },
              { code: '422', swap: true },
              { code: '[45]..', swap: true, error: true },
            ],
          })}
        />
        <script src="/static/htmx.min.js" defer />
      </head>
      <body hx-headers={JSON.stringify({ 'X-CSRF-Token': csrf })}>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header class="site">
          <a class="brand" href="/">
            Vigil
          </a>
          {viewer && <SiteLinks viewer={viewer} class="wide" />}
          {viewer && (
            // On a phone the same links fold behind "Menu" (a details element: no script needed);
            // the stylesheet shows one of the two, so a screen reader meets one navigation.
            <details class="site-menu">
              <summary>Menu</summary>
              <SiteLinks viewer={viewer} class="folded" />
            </details>
          )}
          {viewer && (
            <form class="account" method="post" action="/logout">
              <input type="hidden" name="_csrf" value={csrf} />
              <a href="/account">{viewer.name}</a> <span class="muted">({viewer.role})</span>{' '}
              <button type="submit">Sign out</button>
            </form>
          )}
        </header>
        <main id="main">{children}</main>
        <footer class="site">
          Vigil: device recalls, incidents and MAUDE history for hospital biomedical engineering. Data from
          openFDA; do not rely on it alone for medical decisions.
        </footer>
      </body>
    </html>
  );
}

/** The hidden field that carries the CSRF token in a plain form. */
export const Csrf = ({ token }: { token: string }) => <input type="hidden" name="_csrf" value={token} />;
