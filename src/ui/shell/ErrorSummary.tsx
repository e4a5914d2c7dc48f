/**
 * The list of a form's errors above it, each linking to its field. Fields carry their own
 * message too (aria-describedby); the form moves focus to the first invalid field.
 */
export function ErrorSummary({
  errors,
  order,
  fieldId,
}: {
  errors: Readonly<Record<string, string>>;
  /** Field keys in form order. */
  order: readonly string[];
  fieldId: (key: string) => string;
}) {
  const keys = [
    ...order.filter((k) => errors[k]),
    ...Object.keys(errors).filter((k) => !order.includes(k)),
  ];
  if (keys.length === 0) return null;
  return (
    <div className="error-summary" role="alert">
      <p>
        <strong>Controleer {keys.length === 1 ? 'dit veld' : 'deze velden'}:</strong>
      </p>
      <ul>
        {keys.map((k) => (
          <li key={k}>
            {order.includes(k) ? (
              <a
                href={`#${fieldId(k)}`}
                onClick={(event) => {
                  event.preventDefault();
                  document.getElementById(fieldId(k))?.focus();
                }}
              >
                {errors[k]}
              </a>
            ) : (
              errors[k]
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
