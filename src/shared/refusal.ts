/**
 * A step a person asked for that cannot be taken, saying why and what to do instead: the one way
 * every feature refuses. `missing` when what the step names is not there (a page answers 404),
 * `refused` otherwise (the form comes back with the reason, 422). Routes and commands decide by
 * the kind, never by the words.
 */
export class Refusal extends Error {
  constructor(
    message: string,
    readonly kind: 'refused' | 'missing' = 'refused',
  ) {
    super(message);
  }
}
