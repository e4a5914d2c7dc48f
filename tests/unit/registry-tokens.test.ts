/**
 * The room registry knows when this device's codes are known (`tokensKnown`): once they are
 * first set, or once rooms stop waiting for them. The kern page draws its access panel only
 * then (KernPage.tsx), so the panel does not change from the form for a code to "Je bent
 * ingelogd" under the reader's eyes. Rooms themselves are tested against the real relay
 * (tests/integration/pwa-sync.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { createRoomRegistry } from '../../src/sync/registry';
import { westBetuwe as config } from './support/config';

const url = 'ws://127.0.0.1:9/sync';

describe('tokensKnown', () => {
  it('is false until the tokens are set, then true, and tells its subscribers once', async () => {
    const registry = createRoomRegistry({ url, config, tokensTimeoutMs: 60_000 });
    const seen: boolean[] = [];
    registry.tokensKnown.subscribe(() => seen.push(registry.tokensKnown.getSnapshot()));
    expect(registry.tokensKnown.getSnapshot()).toBe(false);
    registry.setTokens([]);
    expect(registry.tokensKnown.getSnapshot()).toBe(true);
    registry.setTokens([]);
    expect(seen).toEqual([true]);
    await registry.destroy();
  });

  it('turns true when rooms stop waiting for tokens that do not come', async () => {
    const registry = createRoomRegistry({ url, config, tokensTimeoutMs: 30 });
    expect(registry.tokensKnown.getSnapshot()).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(registry.tokensKnown.getSnapshot()).toBe(true);
    await registry.destroy();
  });
});
