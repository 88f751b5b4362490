// `kyc-sandbox listen` and `trigger` against a listening sandbox, as a developer runs them: the
// events of a tenant reach a local receiver without any registration with the vendor API.
import { afterEach, describe, expect, it } from 'vitest';
import { capa } from '../src/providers/capa/index.js';
import { receiver, testSandbox } from './helpers.js';
import { runCli } from './process.js';

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** The CLI as a child process, killed after the test if still running. */
function cli(args: string[]) {
  const run = runCli(args);
  closers.push(async () => void run.child.kill('SIGKILL'));
  return { ...run, out: () => run.out() + run.err() };
}

describe('kyc-sandbox listen and trigger', () => {
  it('forwards a triggered event, signed, to the local URL, prints it, and stops on Ctrl-C', async () => {
    const sb = testSandbox({ publicUrl: undefined });
    const { url } = await sb.listen(0);
    closers.push(() => sb.close());
    const hook = await receiver();
    closers.push(hook.close);
    const listen = cli(['listen', '--provider', 'capa', '--forward-to', hook.url, '--url', url]);
    await expect.poll(listen.out, { timeout: 20_000 }).toMatch(/secret: whsec_/);
    expect(listen.out()).toContain(`Forwarding capa events of capa…0001 to ${hook.url}`);

    const trigger = cli(['trigger', 'capa', 'VERIFIED_USER', '--url', url]);
    expect(await trigger.exit).toBe(0);
    expect(trigger.out()).toMatch(/event\s+VERIFIED_USER/);
    await expect.poll(listen.out, { timeout: 10_000 }).toMatch(/VERIFIED_USER .* attempt 1 → 200/);
    expect(hook.received).toHaveLength(1);
    const secret = sb.webhooks.verification({
      provider: 'capa',
      tenant: capa.credentials()[0].value,
    });
    expect(capa.webhooks!.verify(hook.received[0], secret!)).toBe(true);

    listen.child.kill('SIGINT');
    expect(await listen.exit).toBe(0);
    const gone = await fetch(`${url}/_sandbox/webhooks/listeners/lsn_1/deliveries`);
    expect(gone.status).toBe(404);
  });

  it('refuses a listen without --forward-to, and an unknown event with the events it knows', async () => {
    expect(await cli(['listen', '--provider', 'capa']).exit).toBe(2);
    const sb = testSandbox({ publicUrl: undefined });
    const { url } = await sb.listen(0);
    closers.push(() => sb.close());
    const bad = cli(['trigger', 'capa', 'NOPE', '--url', url]);
    expect(await bad.exit).toBe(1);
    expect(bad.out()).toContain('events: CREATED_KYC, VERIFIED_USER');
  });
});
