import type { Role } from '../shared/vocabulary';

/** Who is signed in, as every request knows them. */
export type SessionUser = { id: number; name: string; role: Role; csrf: string };

/** What middleware puts on every request's context. */
export type AppEnv = {
  Variables: {
    /** The signed-in user, or null. */
    user: SessionUser | null;
    /** The token forms and htmx requests send back: the session's, or the sign-in form's. */
    csrf: string;
  };
};
