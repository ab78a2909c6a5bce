import { describe, expect, it } from 'vitest';
import { clientAddress } from '../../../src/auth/client-address';
import { createLoginThrottle, defaultThrottleRules, waitAfter } from '../../../src/auth/throttle';

const at = (seconds: number) => new Date(Date.UTC(2026, 0, 5, 9, 0, seconds));

describe('the sign-in throttle', () => {
  it('when a name keeps failing, then each further try waits longer, doubling up to five minutes', () => {
    const waits = [4, 5, 6, 7, 8, 20].map((n) => waitAfter(n, 5, defaultThrottleRules));
    expect(waits).toEqual([0, 5, 10, 20, 40, 300]);
  });

  it('when tries for one name come together, then each is counted before any is checked, and the sixth waits', () => {
    const throttle = createLoginThrottle();
    const answers = Array.from({ length: 8 }, () => throttle.attempt('pat', '10.0.0.9', at(0)));
    expect(answers).toEqual([0, 0, 0, 0, 0, 5, 5, 5]);
    expect(throttle.attempt('PAT ', '10.0.0.7', at(3))).toBe(2);
    expect(throttle.attempt('pat', '10.0.0.9', at(5))).toBe(0);
    expect(throttle.attempt('pat', '10.0.0.9', at(6))).toBe(9);
  });

  it('when one address tries one password over many names, then it is slowed after twenty', () => {
    const throttle = createLoginThrottle();
    for (let i = 0; i < 20; i++) expect(throttle.attempt(`user ${i}`, '10.0.0.9', at(0))).toBe(0);
    expect(throttle.attempt('user 20', '10.0.0.9', at(1))).toBe(4);
    expect(throttle.attempt('user 20', '10.0.0.8', at(1))).toBe(0);
  });

  it('when the right password comes, then the name starts afresh', () => {
    const throttle = createLoginThrottle();
    for (let i = 0; i < 5; i++) throttle.attempt('pat', '10.0.0.9', at(0));
    throttle.succeeded('pat', '10.0.0.9');
    expect(throttle.attempt('pat', '10.0.0.9', at(0))).toBe(0);
  });
});

describe('the client address', () => {
  it.each([
    ['no proxy is trusted, then the header is ignored', '10.0.0.9', '1.2.3.4', [], '10.0.0.9'],
    [
      'the socket is not a trusted proxy, then the header is ignored',
      '10.0.0.9',
      '1.2.3.4',
      ['10.0.0.1'],
      '10.0.0.9',
    ],
    [
      'the proxy is trusted, then the hop it added is the client',
      '10.0.0.1',
      '6.6.6.6, 1.2.3.4',
      ['10.0.0.1'],
      '1.2.3.4',
    ],
    [
      'two proxies are trusted, then the rightmost hop neither added is the client',
      '::ffff:10.0.0.1',
      '6.6.6.6, 1.2.3.4, 10.0.0.2',
      ['10.0.0.1', '10.0.0.2'],
      '1.2.3.4',
    ],
    [
      'the header holds no address, then the socket is used',
      '10.0.0.1',
      'unknown, <script>',
      ['10.0.0.1'],
      '10.0.0.1',
    ],
  ])('when %s', (_case, socket, header, trusted, expected) => {
    expect(clientAddress(socket, header, trusted)).toBe(expected);
  });
});
