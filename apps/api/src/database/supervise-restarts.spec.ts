import { describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { spawn } from 'node:child_process';
import { identify, isSameProcess, superviseRestarts } from './embedded-postgres.js';

const quiet = new Logger('test');
for (const level of ['log', 'warn', 'error', 'fatal'] as const)
  jest.spyOn(quiet, level).mockImplementation(() => undefined);
const fast = { checkEveryMs: 5, tries: 3, firstBackoffMs: 5 };
const until = async (condition: () => boolean) => {
  for (let i = 0; i < 400 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(condition()).toBe(true);
};

describe('superviseRestarts', () => {
  it('starts a dead server again, retrying failed starts, and keeps watching', async () => {
    let running = true;
    let failuresLeft = 2;
    let restarts = 0;
    const onUnrecoverable = jest.fn();
    const supervisor = superviseRestarts({
      isRunning: () => running,
      restart: () => {
        restarts++;
        if (failuresLeft-- > 0) return Promise.reject(new Error('shared memory still in use'));
        running = true;
        return Promise.resolve();
      },
      logger: quiet,
      onUnrecoverable,
      settings: fast,
    });
    running = false;
    await until(() => running);
    expect(restarts).toBe(3);
    // Still watching: a second death is healed too.
    running = false;
    await until(() => running);
    expect(restarts).toBe(4);
    supervisor.stop();
    expect(onUnrecoverable).not.toHaveBeenCalled();
  });

  it('gives up after its tries and says so', async () => {
    const onUnrecoverable = jest.fn<(error: Error) => void>();
    let restarts = 0;
    const supervisor = superviseRestarts({
      isRunning: () => false,
      restart: () => {
        restarts++;
        return Promise.reject(new Error('port taken'));
      },
      logger: quiet,
      onUnrecoverable,
      settings: fast,
    });
    await until(() => onUnrecoverable.mock.calls.length === 1);
    supervisor.stop();
    expect(restarts).toBe(3);
    expect(onUnrecoverable.mock.calls[0][0].message).toMatch(/could not be started again after 3 tries: port taken/);
  });

  it('does nothing once stopped', async () => {
    const restart = jest.fn(() => Promise.resolve());
    const supervisor = superviseRestarts({ isRunning: () => false, restart, logger: quiet, settings: fast });
    supervisor.stop();
    await new Promise((r) => setTimeout(r, 50));
    expect(restart).not.toHaveBeenCalled();
  });
});

describe('isSameProcess', () => {
  it('knows a process by its id and start time, so a reused id is not taken for it', async () => {
    const child = spawn('sleep', ['30']);
    const gone = new Promise((resolve) => child.once('exit', resolve));
    const known = identify(child.pid ?? -1);
    try {
      expect(known.startedAt).toMatch(/^\d+$/u);
      expect(isSameProcess(known)).toBe(true);
      // The same id started at another time: another process that got the id.
      expect(isSameProcess({ ...known, startedAt: String(Number(known.startedAt) + 1) })).toBe(false);
    } finally {
      child.kill('SIGKILL');
      await gone;
    }
    expect(isSameProcess(known)).toBe(false);
  });
});
