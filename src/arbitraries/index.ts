export {
  applyFault,
  type Fault,
  type FaultyMessage,
  faultableConstraints,
  faultyMessageArbitrary,
} from './faults.js';
export { type ArbitraryOptions, messageArbitrary, type Overrides, pathKey } from './from-schema.js';
export { alphanumeric, codePoint, codePointLength, stringFor } from './strings.js';
