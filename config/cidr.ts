/** IPv4 CIDR arithmetic for values known at synth (subnet plans, overlap checks). */

export interface Ipv4Cidr {
  readonly network: number;
  readonly prefix: number;
}

const CIDR_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Parses `a.b.c.d/n`; returns undefined when the text is not an IPv4 CIDR. */
export function parseCidr(text: string): Ipv4Cidr | undefined {
  const match = CIDR_PATTERN.exec(text);
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  return { network: address, prefix };
}

function blockSize(prefix: number): number {
  return 2 ** (32 - prefix);
}

/** True when the address has no host bits set (10.1.0.0/16, not 10.1.0.1/16). */
export function isNetworkAddress(cidr: Ipv4Cidr): boolean {
  return cidr.network % blockSize(cidr.prefix) === 0;
}

export function formatCidr(cidr: Ipv4Cidr): string {
  const octets = [24, 16, 8, 0].map((shift) => Math.floor(cidr.network / 2 ** shift) % 256);
  return `${octets.join('.')}/${cidr.prefix}`;
}

/** Same contract as Terraform's `cidrsubnet(prefix, newbits, netnum)`. */
export function cidrSubnet(vpcCidr: string, newBits: number, netNum: number): string {
  const parent = parseCidr(vpcCidr);
  if (!parent) throw new Error(`cidrSubnet: "${vpcCidr}" is not an IPv4 CIDR`);
  const prefix = parent.prefix + newBits;
  if (prefix > 32 || netNum >= 2 ** newBits) {
    throw new Error(`cidrSubnet: ${vpcCidr} has no subnet #${netNum} of /${prefix}`);
  }
  return formatCidr({ network: parent.network + netNum * blockSize(prefix), prefix });
}

export function cidrsOverlap(a: string, b: string): boolean {
  const x = parseCidr(a);
  const y = parseCidr(b);
  if (!x || !y) return false;
  const xEnd = x.network + blockSize(x.prefix);
  const yEnd = y.network + blockSize(y.prefix);
  return x.network < yEnd && y.network < xEnd;
}
