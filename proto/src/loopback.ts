/**
 * Whether a host name or address is on the loopback interface (`localhost`, 127.0.0.0/8, `::1`):
 * the only place the tunnel may run without TLS (DESIGN §3).
 */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}
