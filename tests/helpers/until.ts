/**
 * Waiting on conditions instead of time: `until(() => x === y, { message })` polls until the
 * condition holds and fails with the message (and the last error) when it times out.
 */
export interface UntilOptions {
  timeout?: number;
  message?: string;
}

export async function until(
  condition: () => boolean | Promise<boolean>,
  { timeout = 10_000, message = 'condition' }: UntilOptions = {},
): Promise<void> {
  const deadline = Date.now() + timeout;
  let lastError: unknown;
  for (;;) {
    try {
      if (await condition()) return;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline)
      throw new Error(
        `Timed out after ${timeout} ms waiting for: ${message}` +
          (lastError ? ` (last error: ${String(lastError)})` : ''),
      );
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
