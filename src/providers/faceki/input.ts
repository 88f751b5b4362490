// Reading Faceki requests: the link body (one shape per variant, both in the contract), link ids
// given bare or as a URL, and required query parameters. Nothing here touches state.
import type { Context } from 'hono';
import { requestJsonObject, type Contract, type ProviderEnv } from '../../engine/index.js';
import type { Variant } from './clients.js';
import { fail } from './errors.js';

export interface LinkRequest {
  /** Minutes; 0 or absent means the defaultExpiryMinutes option. */
  expiryMinutes: number;
  applicationId: string | null;
  redirectUrl: string | null;
  documentOptional: boolean;
  workflowId: string | null;
}

type Issue = { path: string; message: string };
type ErrorObject = NonNullable<ReturnType<Contract['checkRequest']>>[number];
const invalid = (issues: Issue[]) =>
  fail('INVALID_MISSING_REQUEST_FIELDS', { details: { issues } });

// The contract's request schema checks common fields at the top and splits the variants with
// oneOf [V2, Blaze 3.0]; report the top-level issues and those of the client's own branch only.
const OTHER_BRANCH: Record<Variant, string> = { v2: 'oneOf/1/', blaze3: 'oneOf/0/' };

function issuesOf(errors: ErrorObject[], variant: Variant): Issue[] {
  const mine = errors.filter(
    (e) => e.keyword !== 'oneOf' && !e.schemaPath.includes(OTHER_BRANCH[variant]),
  );
  return (mine.length ? mine : errors).map((e) => ({
    path: e.instancePath || '/',
    message: e.message ?? 'invalid',
  }));
}

export function linkRequestFrom(c: Context<ProviderEnv>, variant: Variant): LinkRequest {
  const body = requestJsonObject(c);
  if (!body.ok)
    throw fail('BAD_REQUEST', {
      details: { issues: [{ path: '/', message: `body: ${body.reason}` }] },
    });
  const v = body.value;
  // workflowId is what tells the generations apart: Blaze 3.0 requires it, V2 does not know it.
  if (variant === 'blaze3' && !('workflowId' in v))
    throw invalid([{ path: '/workflowId', message: 'is required (Blaze 3.0 link request)' }]);
  if (variant === 'v2' && 'workflowId' in v)
    throw invalid([
      {
        path: '/workflowId',
        message:
          'is not part of the V2 link request; this client uses V2 (expiryTime is a string of minutes)',
      },
    ]);
  const errors = c.get('kit').contract.checkRequest('createKycVerifyLink', v);
  if (errors) throw invalid(issuesOf(errors, variant));
  return {
    expiryMinutes: v.expiryTime === undefined ? 0 : Number(v.expiryTime),
    applicationId: (v.applicationId as string | undefined) ?? null,
    redirectUrl: (v.redirect_url as string | undefined) ?? null,
    documentOptional: v.document_optional === true,
    workflowId: (v.workflowId as string | undefined) ?? null,
  };
}

/** A link id given bare, or as a URL ending in it (the sandbox page, apps.faceki.com/kycverify/<id>). */
export function linkIdFrom(value: string): string {
  const bare = value.trim().split(/[?#]/)[0].replace(/\/+$/, '');
  return bare.slice(bare.lastIndexOf('/') + 1);
}

/** A required, non-empty query parameter (the first of `names` present); else 400 BAD_REQUEST. */
export function requiredQuery(c: Context<ProviderEnv>, ...names: string[]): string {
  for (const name of names) {
    const value = c.req.query(name)?.trim();
    if (value) return value;
  }
  throw fail('BAD_REQUEST', { details: { issues: [{ path: names[0], message: 'is required' }] } });
}
