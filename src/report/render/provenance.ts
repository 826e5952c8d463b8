// What the console and the HTML headers say of a report's provenance (RunReport.provenance), in
// the same words: the kit (its commit, the Node.js it ran on), the spec, the profile's digest, and
// each target's TLS leaf certificate.
import { specLine } from '../../spec/document.js';
import type { RunReport } from '../types.js';

export interface ProvenanceLines {
  /** `commit 0d04a19… · node v20.19.0` (no commit when the kit ran from no checkout). */
  kit: string;
  spec: string;
  /** `sha256 …, secrets replaced`. */
  profile: string;
  /** Each target's leaf certificate fingerprint, by the key of `targets`. */
  certificates: RunReport['targets'];
}

export function provenanceLines(report: RunReport): ProvenanceLines | undefined {
  const p = report.provenance;
  if (!p) return undefined;
  return {
    kit: `${p.kit.commit ? `commit ${p.kit.commit} · ` : ''}node ${p.node}${p.shards ? ` (the shards differ: ${p.shards.length} provenances in report.json)` : ''}`,
    spec: specLine(p.spec),
    profile: `sha256 ${p.profileSha256} (secrets replaced before hashing)`,
    certificates: p.certificates,
  };
}

/** The words before a certificate's fingerprint. */
export const CERTIFICATE_LABEL = 'TLS certificate sha256';
