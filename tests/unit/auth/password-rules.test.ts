import { describe, expect, it } from 'vitest';
import { passwordProblem } from '../../../src/auth/password-rules';

describe('what a password must be', () => {
  it.each([
    ['password1234', /common passwords/],
    ['PASSWORD1234', /common passwords/],
    ['qwertyuiop123', /common passwords/],
    ['123456789012', /common passwords/],
    ['aaaaaaaaaaaa', /at least 5 different characters/],
    ['121212121212', /at least 5 different characters/],
    ['abababababab', /at least 5 different characters/],
    ['short', /at least 12 characters/],
    ['robin-lee-password', /must not contain the user name/],
  ])('when the password is %j, then it is refused saying why', (password, why) => {
    expect(passwordProblem(password, 'Robin-Lee')).toMatch(why);
  });

  it.each(['correct horse battery staple', 'ward 7 pumps need care', 'Tuesday-Biomed-Fern-42'])(
    'when the password is %j, then it is accepted',
    (password) => {
      expect(passwordProblem(password, 'robin')).toBeNull();
    },
  );
});
