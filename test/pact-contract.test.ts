// Pact ↔ contract cross-check: every committed pact against its provider's OpenAPI contract, and
// deliberately broken pacts (a field or a status the contract lacks) refused with a readable message.
// Once, not per state backend: files against files, no sandbox (test/pact-verify.test.ts replays the
// pacts against one on each backend).
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contractFile } from '../src/engine/index.js';
import {
  checkPactsAgainstContract,
  describeFinding,
  toValidatorShape,
} from '../src/pact/contract-check.js';
import { pactsDir } from '../src/pact/consumer.js';
import { providers } from '../src/providers/index.js';
import { contractPathOf } from './suites/contract-file.js';

const committed = providers
  .filter((p) => existsSync(pactsDir(p.name)))
  .map(
    (p) =>
      [
        p.name,
        readdirSync(pactsDir(p.name))
          .filter((f) => f.endsWith('.json') && !f.startsWith('.'))
          .map((f) => join(pactsDir(p.name), f)),
        contractPathOf(p),
      ] as const,
  );

describe('committed pacts agree with the contracts', () => {
  it.each(committed)(
    '%s: its committed pacts ask only for what its contract promises',
    async (_name, files, contract) => {
      const check = await checkPactsAgainstContract(files, contract);
      expect(check.errors.map(describeFinding)).toEqual([]);
    },
    // Kulipa's ~270 interactions take ~6 s of validator CPU alone, several times that on a shared core.
    60_000,
  );
});

describe('a pact the contract does not allow', () => {
  const dir = mkdtempSync(join(tmpdir(), 'broken-pact-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const USER = '3f0c8a52-6d7e-4b1a-9c2d-5e8f7a6b4c3d';
  /** A one-interaction V4 pact for Capa, written by hand as a careless consumer might. */
  function pact(name: string, path: string, status: number, body: unknown, method = 'GET') {
    const file = join(dir, `${name}.json`);
    const interaction = {
      type: 'Synchronous/HTTP',
      description: name,
      providerStates: [{ name: 'a Capa user exists' }],
      request: {
        method,
        path,
        query: method === 'GET' ? { userId: [USER] } : undefined,
        headers: { 'partner-api-key': ['capa_test_partner_key_000000000001'] },
      },
      response: {
        status,
        headers: { 'content-type': ['application/json'] },
        body: { content: body, contentType: 'application/json', encoded: false },
      },
    };
    writeFileSync(
      file,
      JSON.stringify({
        consumer: { name: 'careless-app' },
        provider: { name: 'capa' },
        interactions: [interaction],
        metadata: { pactSpecification: { version: '4.0' } },
      }),
    );
    return checkPactsAgainstContract([file], contractFile('capa'));
  }

  it('fails on a response field the contract lacks, naming the field and the interaction', async () => {
    const check = await pact(
      'KYB details with a misspelt field',
      '/api/partner/v2/kyb/details',
      200,
      { status: 'ok', data: { userId: USER, statuss: 'VERIFIED' } },
    );
    expect(check.ok).toBe(false);
    expect(check.errors.map(describeFinding).join('\n')).toMatch(
      /KYB details with a misspelt field.json "KYB details with a misspelt field": .*must NOT have additional properties - statuss/,
    );
  });

  it('fails on a status the contract lacks', async () => {
    const check = await pact('KYB details answering 418', '/api/partner/v2/kyb/details', 418, {
      statusCode: 418,
      code: 'TEAPOT',
      message: 'no',
    });
    expect(check.errors.map(describeFinding)).toEqual([
      expect.stringContaining('Response status code not defined in spec file: 418'),
    ]);
  });

  it('sees an unknown field inside a nullable object (3.1 type: [object, null])', async () => {
    const check = await pact(
      'KYB details with a business field nobody promised',
      '/api/partner/v2/kyb/details',
      200,
      {
        status: 'ok',
        data: {
          verificationStatus: 'VERIFIED',
          businessInfo: { businessName: 'Acme', taxResidency: 'MX' },
        },
      },
    );
    expect(check.errors.map(describeFinding).join('\n')).toMatch(/taxResidency/);
  });

  it('lets a 4xx interaction send the bad request it is about', async () => {
    const check = await pact(
      'a user without partner info',
      '/api/partner/v2/users',
      401,
      { statusCode: 401, code: 'UNAUTHORIZED', message: 'API Key is missing' },
      'POST',
    );
    expect(check.ok).toBe(true);
  });
});

describe('toValidatorShape', () => {
  it('rewrites nullable objects as anyOf, so the validator closes them, and leaves the rest alone', () => {
    const schema = {
      type: 'object',
      properties: {
        a: { type: ['object', 'null'], properties: { b: { type: ['string', 'null'] } } },
      },
    };
    expect(toValidatorShape(schema)).toEqual({
      type: 'object',
      properties: {
        a: {
          anyOf: [
            { type: 'object', properties: { b: { type: ['string', 'null'] } } },
            { type: 'null' },
          ],
        },
      },
    });
  });
});
