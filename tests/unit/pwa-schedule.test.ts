// When work that can wait runs (src/sync/schedule.ts): idle callbacks with their deadline,
// after a paint, after the load event, and what happens outside a browser page.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { afterLoad, afterPaint, idle, whenIdle } from '../../src/sync/schedule';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('whenIdle', () => {
  it('asks the browser for an idle moment, with the deadline, and can be cancelled', () => {
    const asked: { fn: () => void; timeout: number; id: number }[] = [];
    const cancelled: number[] = [];
    vi.stubGlobal('requestIdleCallback', (fn: () => void, options: { timeout: number }) => {
      asked.push({ fn, timeout: options.timeout, id: asked.length + 1 });
      return asked.length;
    });
    vi.stubGlobal('cancelIdleCallback', (id: number) => cancelled.push(id));
    const ran = vi.fn();
    const cancel = whenIdle(ran, 3_000);
    expect(asked.map((a) => a.timeout)).toEqual([3_000]);
    expect(ran).not.toHaveBeenCalled();
    asked[0]!.fn();
    expect(ran).toHaveBeenCalledTimes(1);
    cancel();
    expect(cancelled).toEqual([1]);
  });

  it('waits at most a second in a browser without idle callbacks (Safari)', () => {
    vi.useFakeTimers();
    vi.stubGlobal('window', {});
    vi.stubGlobal('document', {});
    const ran = vi.fn();
    whenIdle(ran, 10_000);
    vi.advanceTimersByTime(999);
    expect(ran).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(ran).toHaveBeenCalledTimes(1);
    const short = vi.fn();
    const cancel = whenIdle(short, 200);
    cancel();
    vi.advanceTimersByTime(1_000);
    expect(short).not.toHaveBeenCalled();
  });

  it('runs at once outside a browser page', async () => {
    const ran = vi.fn();
    whenIdle(ran, 5_000);
    expect(ran).toHaveBeenCalledTimes(1);
    await expect(idle(2_000)).resolves.toBeUndefined();
    await expect(afterLoad(5_000)).resolves.toBeUndefined();
  });
});

describe('afterPaint', () => {
  it('runs in a task after the next frame, once, or after the fallback without a frame', () => {
    vi.useFakeTimers();
    const frames: (() => void)[] = [];
    vi.stubGlobal('requestAnimationFrame', (fn: () => void) => frames.push(fn));
    vi.stubGlobal('cancelAnimationFrame', () => undefined);
    const ran = vi.fn();
    afterPaint(ran, 100);
    frames[0]!();
    expect(ran).not.toHaveBeenCalled(); // the frame comes before its paint
    vi.advanceTimersByTime(0);
    expect(ran).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(100);
    expect(ran).toHaveBeenCalledTimes(1); // the fallback does not run it again

    const hidden = vi.fn();
    afterPaint(hidden, 100); // no frame comes (a tab in the background)
    vi.advanceTimersByTime(100);
    expect(hidden).toHaveBeenCalledTimes(1);

    const never = vi.fn();
    const cancel = afterPaint(never);
    cancel();
    frames.at(-1)!();
    vi.advanceTimersByTime(1_000);
    expect(never).not.toHaveBeenCalled();
  });
});
