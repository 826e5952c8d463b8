// What a run was run against and with (RunReport.provenance): the kit (version, git commit, the
// digest of its package.json), the spec document, a digest of the profile without its secrets, the
// SHA-256 fingerprint of each https target's TLS leaf certificate, and the Node.js that ran it. The
// fingerprints are the ones the preflight saw (preflight.ts gives them), so the run opens no
// connection of its own for them.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { Profile } from '../profile/profile.js';
import type { Provenance, RunReport } from '../report/types.js';
import { SPEC_DOCUMENT } from '../spec/document.js';
import { VERSION } from '../version.js';

const KIT_NAME = 'iot-sms-conformance';

/** What replaces each secret in what the profile digest hashes. */
export const SECRET_MARKER = '***';

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * The git commit of the kit's folder when that folder is itself a checkout (not a package installed
 * inside someone else's repository); undefined when git is missing, fails or the folder is no checkout.
 */
function gitCommitOf(root: string): string | undefined {
  try {
    // GIT_DIR and its kin (set inside a git hook) would point git at another repository.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GIT_')));
    const [top, head] = execFileSync('git', ['rev-parse', '--show-toplevel', 'HEAD'], {
      cwd: root,
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 5_000,
    })
      .trim()
      .split('\n');
    if (!top || !head || !/^[0-9a-f]{40,64}$/.test(head)) return undefined;
    return realpathSync(top) === realpathSync(root) ? head : undefined;
  } catch {
    return undefined;
  }
}

let kitOnce: Provenance['kit'] | undefined;

/** The kit's package.json (found by the package's own name, from src/, dist/src/ or node_modules alike), if it can be read. */
function packageJson(): { file: string; bytes: Buffer } | undefined {
  try {
    const file = createRequire(import.meta.url).resolve(`${KIT_NAME}/package.json`);
    return { file, bytes: readFileSync(file) };
  } catch {
    return undefined;
  }
}

/** The kit's name, version, commit and package.json digest, once per process; what cannot be known is left out. */
export function kitFacts(): Provenance['kit'] {
  if (kitOnce) return kitOnce;
  const pkg = packageJson();
  const commit = pkg ? gitCommitOf(dirname(pkg.file)) : undefined;
  kitOnce = {
    name: KIT_NAME,
    version: VERSION,
    ...(commit ? { commit } : {}),
    ...(pkg ? { packageJsonSha256: sha256Hex(pkg.bytes) } : {}),
  };
  return kitOnce;
}

/** A value as JSON with every object's keys sorted and no white space: one text per value. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/**
 * The resolved profile (defaults filled, flags applied) as the digest hashes it: the platform's
 * password, the disabled account's password and the variable names of passwordEnv values not set
 * replaced by SECRET_MARKER, and the callback receiver's TLS material (a private key, or one made
 * at start) by SECRET_MARKER as well.
 */
export function profileWithoutSecrets(profile: Profile): unknown {
  const { platform, callbackReceiver, unsetSecrets, ...rest } = profile;
  const { tls, ...receiver } = callbackReceiver;
  return {
    ...rest,
    ...(platform
      ? {
          platform: {
            ...platform,
            password: SECRET_MARKER,
            ...(platform.disabledAccount
              ? { disabledAccount: { ...platform.disabledAccount, password: SECRET_MARKER } }
              : {}),
          },
        }
      : {}),
    callbackReceiver: { ...receiver, ...(tls ? { tls: SECRET_MARKER } : {}) },
    unsetSecrets: unsetSecrets.map((s) => ({ ...s, variable: SECRET_MARKER })),
  };
}

/** SHA-256 (hex) of the canonical JSON of the profile without its secrets. */
export function profileDigest(profile: Profile): string {
  return sha256Hex(canonicalJson(profileWithoutSecrets(profile)));
}

/** The run's provenance, as a field to spread into its report. */
export function provenanceOf(
  profile: Profile,
  certificates: Provenance['certificates'],
): { provenance: Provenance } {
  return {
    provenance: {
      kit: kitFacts(),
      spec: { ...SPEC_DOCUMENT },
      profileSha256: profileDigest(profile),
      certificates,
      node: process.version,
    },
  };
}

/**
 * The provenance of a merged report: the shards' one when they agree, else the first shard's with
 * each shard's beside it (a runner with another Node.js, another kit, another certificate).
 */
export function mergedProvenance(reports: readonly RunReport[]): { provenance?: Provenance } {
  const parts = reports.flatMap((r) => (r.provenance ? [r.provenance] : []));
  const [first] = parts;
  if (!first) return {};
  const strip = ({ shards: _shards, ...p }: Provenance) => p;
  const texts = new Set(parts.map((p) => canonicalJson(strip(p))));
  return { provenance: texts.size === 1 ? strip(first) : { ...strip(first), shards: parts.map(strip) } };
}
