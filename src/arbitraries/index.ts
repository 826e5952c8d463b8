export { codePointLength } from '../schema/length.js';
export {
  applyFault,
  type Fault,
  type FaultyMessage,
  faultableConstraints,
  faultyMessageArbitrary,
} from './faults.js';
export { type ArbitraryOptions, messageArbitrary, type Overrides, pathKey } from './from-schema.js';
export {
  describePhoneNumber,
  domesticMobile,
  internationalMobile,
  isMobileNumberNode,
  NUMBERING_PLANS,
  type NumberingPlan,
  phoneNumber,
  phoneNumberReadings,
} from './phone-number.js';
export {
  describeSpecTime,
  isSpecTimeNode,
  SPEC_TIME_FORMAT,
  SPEC_TIME_LENGTH,
  SPEC_TIME_YEARS,
  specTime,
} from './spec-time.js';
export { alphanumeric, codePoint, stringFor } from './strings.js';
