// @pactflow/swagger-mock-validator ships no types; contract-check.ts narrows the one factory it uses.
declare module '@pactflow/swagger-mock-validator';
