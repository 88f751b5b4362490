// Store collections of the gu1 provider (per organization).
export const ENTITIES = 'entities';
export const VALIDATIONS = 'validations';
