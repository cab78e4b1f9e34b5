import { GENESIS_HASH, type ChainLink, verifyLinks } from './hash-chain.js';

const h = (n: number) => n.toString(16).padStart(64, '0');

/** A well-formed chain of `length` links with hashes 1..length. */
function chain(length: number): ChainLink[] {
  return Array.from({ length }, (_, index) => ({
    seq: index + 1,
    prevHash: index === 0 ? GENESIS_HASH : h(index),
    hash: h(index + 1),
    recomputedHash: h(index + 1),
  }));
}

describe('verifyLinks', () => {
  it('accepts an empty history', () => {
    expect(verifyLinks([])).toEqual({ ok: true, count: 0 });
  });

  it('accepts an intact chain and counts its events', () => {
    expect(verifyLinks(chain(4))).toEqual({ ok: true, count: 4 });
  });

  it('reports the seq whose stored hash no longer matches its content', () => {
    const links = chain(4);
    links[2] = { ...links[2]!, recomputedHash: h(99) };
    expect(verifyLinks(links)).toEqual({ ok: false, brokenAtSeq: 3, count: 4 });
  });

  it('reports the seq whose prev_hash does not point at the previous event', () => {
    const links = chain(3);
    links[1] = { ...links[1]!, prevHash: h(42) };
    expect(verifyLinks(links)).toEqual({ ok: false, brokenAtSeq: 2, count: 3 });
  });

  it('requires the first event to start from the genesis hash', () => {
    const links = chain(2);
    links[0] = { ...links[0]!, prevHash: h(7) };
    expect(verifyLinks(links)).toEqual({ ok: false, brokenAtSeq: 1, count: 2 });
  });

  it('reports the first missing seq when an event was removed', () => {
    const links = chain(4).filter((link) => link.seq !== 3);
    expect(verifyLinks(links)).toEqual({ ok: false, brokenAtSeq: 3, count: 3 });
  });
});
