// The shared-service example (examples/shared-service/docker-compose.yml): Docker is not available
// here, so the file is parsed and each sandbox service's command and environment are checked
// against what the CLI takes — the same flags and variables a start would read.
import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { CONFIG_HELP, loadConfig } from '../src/config.js';

interface Service {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
}

const compose = yaml.load(readFileSync('examples/shared-service/docker-compose.yml', 'utf8')) as {
  services: Record<string, Service>;
};
const dockerfileCmd = /^CMD (\[.*\])$/m.exec(readFileSync('Dockerfile', 'utf8'))![1]!;
const imageEnv = { KYC_SANDBOX_HOST: '0.0.0.0', KYC_SANDBOX_PORT: '4010' }; // the Dockerfile's ENV

const sandboxes = Object.entries(compose.services).filter(([, s]) => s.build !== undefined);

describe('examples/shared-service/docker-compose.yml', () => {
  it('has two sandbox instances, Redis and a load balancer', () => {
    expect(sandboxes.map(([name]) => name)).toEqual(['sandbox-a', 'sandbox-b']);
    expect(compose.services.redis?.image).toMatch(/^redis:/);
    expect(compose.services.balancer?.ports).toEqual(['4010:80']);
    const nginx = readFileSync('examples/shared-service/nginx.conf', 'utf8');
    for (const [name] of sandboxes) expect(nginx).toContain(`server ${name}:4010;`);
  });

  it.each(sandboxes)(
    '%s runs the image command with options the CLI takes, on the shared Redis',
    (_, s) => {
      const command = s.command ?? (JSON.parse(dockerfileCmd) as string[]);
      const image = JSON.parse(dockerfileCmd) as string[];
      expect(command.slice(0, image.length)).toEqual(image); // the image's own start, then flags
      const config = loadConfig(command.slice(image.length), { ...imageEnv, ...s.environment });
      expect(config.state).toEqual({ kind: 'redis', url: 'redis://redis:6379/0' });
      expect(config.host).toBe('0.0.0.0');
      expect(config.adminToken).toBeDefined();
      expect(config.publicUrl).toBe('http://localhost:4010');
      for (const name of Object.keys(s.environment ?? {}))
        expect(CONFIG_HELP).toContain(` ${name} `);
    },
  );
});
