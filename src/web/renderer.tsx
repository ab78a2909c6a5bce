import { jsxRenderer } from 'hono/jsx-renderer';
import { Layout } from '../../views/shared/layout';

declare module 'hono' {
  interface ContextRenderer {
    // biome-ignore lint/style/useShorthandFunctionType: declaration merging needs an interface
    (content: string | Promise<string>, props: { title: string }): Response | Promise<Response>;
  }
}

/** Wraps every `c.render()` in the page layout, with who is signed in. */
export const pageRenderer = jsxRenderer(
  ({ children, title }, c) => {
    const user = c.get('user') as { name: string; role: 'admin' | 'technician' | 'viewer' } | null;
    return (
      <Layout title={title} viewer={user ? { name: user.name, role: user.role } : null} csrf={c.get('csrf')}>
        {children}
      </Layout>
    );
  },
  { docType: true },
);
