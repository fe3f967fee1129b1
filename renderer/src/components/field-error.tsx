/** An inline validation message next to its field, announced to screen readers. */
export function FieldError({ id, messages }: { id?: string; messages: readonly string[] }) {
  if (messages.length === 0) return null;
  return <span id={id} className="field-error" role="alert" data-testid="field-error">{messages.join('; ')}</span>;
}
