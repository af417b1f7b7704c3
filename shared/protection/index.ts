/**
 * The protection area's public door: what other areas use. An area imports another only through its index.ts
 * (checked by dependency-cruiser, .dependency-cruiser.cjs); inside the area, modules import each other directly.
 */
export { AuditLog } from './audit-store.js';
export { fieldEncryptionCodec } from './case-codec.js';
export { protectIdentityKeys } from './identity-keys.js';
export { canPaySubsidy, canStartServices, consentStatus } from './rules/consent.js';
export { initials } from './retention.js';
