import { describe, expect, it } from 'vitest';
import { createJobs, type JobContext } from '../../src/main/core/jobs';

/** Runs steps that each give the event loop back, so a cancel can land between them. */
async function steps(ctx: JobContext, n: number): Promise<void> {
  for (let i = 1; i <= n; i++) {
    await new Promise((resolve) => setTimeout(resolve, 60));
    await ctx.step(i);
  }
}

describe('jobs', () => {
  it('a cancel before the commit stops the job; after the commit it is too late and the job finishes', async () => {
    const jobs = createJobs(() => new Date());
    const before = jobs.start('test', '写入前取消', async (ctx) => {
      ctx.holdWrites();
      await steps(ctx, 5);
      return 'written';
    });
    const after = jobs.start('test', '写入后取消', async (ctx) => {
      ctx.committed();
      await steps(ctx, 5);
      return 'written';
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(jobs.writeBlocker()).toContain('写入前取消');
    jobs.cancel(before);
    jobs.cancel(after);
    expect(await jobs.wait(before)).toMatchObject({ state: 'cancelled', result: null });
    expect(await jobs.wait(after)).toMatchObject({ state: 'done', result: 'written' });
    expect(jobs.writeBlocker()).toBeNull();
  });
});
