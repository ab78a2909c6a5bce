import type { Child } from 'hono/jsx';

/** An empty value shows as empty, on screen and read aloud, so nobody mistakes it for overlooked. */
export const Empty = () => (
  <span class="empty">
    —<span class="visually-hidden"> (empty)</span>
  </span>
);

/** One line of a definition list; an empty value shows as empty. */
export const Fact = ({ term, children }: { term: string; children?: Child }) => (
  <>
    <dt>{term}</dt>
    <dd>{children === null || children === undefined || children === '' ? <Empty /> : children}</dd>
  </>
);
