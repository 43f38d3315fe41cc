import { randomBytes } from 'node:crypto';
import { dataKeyRing } from './personalData';

const key = () => randomBytes(32).toString('base64');

describe('personal data sealed at rest', () => {
  it('seals so the clear value is nowhere in the stored form, and opens it again', () => {
    const ring = dataKeyRing(`k1:${key()}`);
    const sealed = ring.seal('13812345678 郭先生');
    expect(sealed).toMatch(/^hy1\.k1\./);
    expect(sealed).not.toContain('13812345678');
    expect(ring.seal('13812345678 郭先生')).not.toBe(sealed);
    expect(ring.open(sealed)).toBe('13812345678 郭先生');
  });

  it('opens values sealed with an older key after rotation, and seals with the new one', () => {
    const old = key();
    const before = dataKeyRing(`k1:${old}`).seal('13812345678');
    const rotated = dataKeyRing(`k2:${key()},k1:${old}`);
    expect(rotated.open(before)).toBe('13812345678');
    expect(rotated.seal('x')).toMatch(/^hy1\.k2\./);
    expect(() => dataKeyRing(`k3:${key()}`).open(before)).toThrow(/key id/);
  });

  it('refuses a tampered value', () => {
    const ring = dataKeyRing(`k1:${key()}`);
    const sealed = ring.seal('13812345678');
    // One letter of the ciphertext changed (to another: a letter replaced by itself would be no tampering).
    const at = sealed.length - 2;
    const tampered = `${sealed.slice(0, at)}${sealed[at] === 'A' ? 'B' : 'A'}${sealed.slice(at + 1)}`;
    expect(tampered).not.toBe(sealed);
    expect(() => ring.open(tampered)).toThrow();
  });

  it('names a bad key setting', () => {
    expect(() => dataKeyRing('k1:c2hvcnQ=')).toThrow(/32/);
    expect(() => dataKeyRing(`nokey`)).toThrow(/keyId/);
    expect(dataKeyRing(undefined).isDevelopmentKey).toBe(true);
  });
});
