import { jsxRenderer } from 'hono/jsx-renderer';
import { Layout } from '../../views/layout';

declare module 'hono' {
  interface ContextRenderer {
    // biome-ignore lint/style/useShorthandFunctionType: declaration merging needs an interface
    (content: string | Promise<string>, props: { title: string }): Response | Promise<Response>;
  }
}

/** Wraps every `c.render()` in the page layout. */
export const pageRenderer = jsxRenderer(({ children, title }) => <Layout title={title}>{children}</Layout>, {
  docType: true,
});
