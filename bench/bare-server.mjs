// The baseline: a bare Hono app on @hono/node-server answering a fixed JSON to any request.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono().all('*', (c) =>
  c.json(
    {
      success: true,
      data: { kycLink: 'http://127.0.0.1:4010/verify/capa/00000000-0000-4000-8000-000000000000' },
    },
    201,
  ),
);
serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
  console.log(`listening on http://127.0.0.1:${info.port}`),
);
