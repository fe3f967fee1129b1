/** Marks a certificate known only from the provider's API (SPEC §13): no webhook delivery about it arrived. */
export function ProviderOnlyBadge({ show }: { show: boolean }) {
  if (!show) return null;
  return <span className="badge" data-testid="provider-only-badge"
    title="Known only from the provider's API: found by provider sync, no webhook delivery about it was received">from API</span>;
}
