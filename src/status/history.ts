/**
 * How often the page asks for fresh progress: often while something runs, or was just asked
 * to, so a person watches it move; rarely otherwise, so an open tab costs next to nothing.
 */
export const pollSeconds = (busy: boolean) => (busy ? 2 : 30);
