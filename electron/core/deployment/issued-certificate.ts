/** What the deployment check needs of an issued PEM: its fingerprint, names and notAfter (node:crypto's X509Certificate). */
import { X509Certificate } from 'node:crypto';

export interface IssuedFacts {
  /** SHA-256 of the DER, colon-separated upper-case hex, as X509Certificate and `openssl x509 -fingerprint -sha256` give it. */
  fingerprint: string;
  /** The DNS names of its subjectAltName, in order. */
  dnsNames: string[];
  notAfter: string;
}

const cache = new Map<string, IssuedFacts | null>();
const CACHE_MAX = 2048;

/** The DNS entries of a subjectAltName as Node spells it: `DNS:a.example, DNS:b.example, IP Address:…`. */
export function dnsNamesOf(subjectAltName: string | undefined): string[] {
  if (!subjectAltName) return [];
  return subjectAltName.split(/,\s*/).filter((entry) => entry.startsWith('DNS:')).map((entry) => entry.slice(4).trim().replace(/^"|"$/g, ''));
}

/** The facts of the first certificate in `pem`, or null when it does not parse. Cached by text. */
export function issuedFacts(pem: string): IssuedFacts | null {
  const known = cache.get(pem);
  if (known !== undefined) return known;
  let facts: IssuedFacts | null;
  try {
    const x509 = new X509Certificate(pem);
    facts = { fingerprint: x509.fingerprint256, dnsNames: dnsNamesOf(x509.subjectAltName),
      notAfter: new Date(x509.validTo).toISOString() };
  } catch {
    facts = null;
  }
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
  cache.set(pem, facts);
  return facts;
}
