/**
 * The message validators' flavours: exact (every violation listed, lengths in code points) or the
 * guard (stops at the first, lengths in UTF-16 units; it accepts only what the exact one accepts).
 * A module of its own so that the validators' declarations need nothing of ajv's set-up (ajv.ts).
 */
export type Flavour = 'exact' | 'guard';
