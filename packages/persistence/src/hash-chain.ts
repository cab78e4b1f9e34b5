/** prev_hash of the first event of every instance: 64 zeros (see the Workflow migration for the formula). */
export const GENESIS_HASH = '0'.repeat(64);

/** A stored event's chain fields next to the hash the database recomputed from the row's content. */
export interface ChainLink {
  seq: number;
  prevHash: string;
  hash: string;
  recomputedHash: string;
}

/** The result of checking an instance's history. */
export type ChainVerification = { ok: true; count: number } | { ok: false; brokenAtSeq: number; count: number };

/**
 * Walks the links in seq order and returns the first seq where the chain does not hold: a gap in the numbering,
 * a prev_hash that is not the previous row's hash, or a stored hash that does not match the row's content.
 */
export function verifyLinks(links: readonly ChainLink[]): ChainVerification {
  let expectedPrev = GENESIS_HASH;
  for (const [index, link] of links.entries()) {
    const expectedSeq = index + 1;
    if (link.seq !== expectedSeq) return { ok: false, brokenAtSeq: Math.min(link.seq, expectedSeq), count: links.length };
    if (link.prevHash !== expectedPrev || link.hash !== link.recomputedHash) {
      return { ok: false, brokenAtSeq: link.seq, count: links.length };
    }
    expectedPrev = link.hash;
  }
  return { ok: true, count: links.length };
}
