import type { Child } from 'hono/jsx';

export type LayoutProps = { title: string; children?: Child };

/** Every page: landmarks, a skip link for keyboard users, htmx served by Vigil itself. */
export function Layout({ title, children }: LayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title === 'Vigil' ? title : `${title} · Vigil`}</title>
        <link rel="stylesheet" href="/static/vigil.css" />
        <script src="/static/htmx.min.js" defer />
      </head>
      <body>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header class="site">
          <a class="brand" href="/">
            Vigil
          </a>
          <nav aria-label="Main">
            <ul>
              <li>
                <a href="/">Status</a>
              </li>
            </ul>
          </nav>
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
