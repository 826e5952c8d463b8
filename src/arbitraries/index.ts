export { codePointLength } from '../schema/length.js';
export {
  applyFault,
  type Fault,
  type FaultyMessage,
  faultableConstraints,
  faultyMessageArbitrary,
} from './faults.js';
export { type ArbitraryOptions, messageArbitrary, type Overrides, pathKey } from './from-schema.js';
export { alphanumeric, codePoint, stringFor } from './strings.js';
