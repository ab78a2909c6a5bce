import type { SessionUser } from '../auth/sessions';

/** What middleware puts on every request's context. */
export type AppEnv = {
  Variables: {
    /** The signed-in user, or null. */
    user: SessionUser | null;
    /** The token forms and htmx requests send back: the session's, or the sign-in form's. */
    csrf: string;
  };
};
