// Where a webhook may go when the sandbox is reachable beyond this machine: not to this host, a
// private network, link-local or cloud-metadata addresses (a self-service tenant could otherwise make
// the sandbox call an internal service and read its answer back), unless the operator allows it
// (--webhook-allow with a CIDR or a host name). Checked on the resolved address, at connect time.
import { isIP } from 'node:net';

const V4_BLOCKED: [string, number][] = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];

const v4 = (ip: string) => ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);

function inV4(ip: string, [base, bits]: [string, number]) {
  const size = 2 ** (32 - bits);
  return Math.floor(v4(ip) / size) === Math.floor(v4(base) / size);
}

/** Whether an address is on this host, a private network, link-local or otherwise not public. */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return isPrivateAddress(mapped);
  if (isIP(address) === 4) return V4_BLOCKED.some((range) => inV4(address, range));
  const a = address.toLowerCase();
  return a === '::' || a === '::1' || /^f[cd]/.test(a) || /^fe[89ab]/.test(a);
}

/** An allow-list entry: a host name, an address, or an IPv4 CIDR. */
export function allowedBy(entries: readonly string[], host: string, address: string): boolean {
  return entries.some((entry) => {
    const [base, bits] = entry.split('/');
    if (bits !== undefined && isIP(base!) === 4 && isIP(address) === 4)
      return inV4(address, [base!, Number(bits)]);
    return entry.toLowerCase() === host.toLowerCase() || entry === address;
  });
}
