import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import { processOutput } from '../../../server/src/cli/processOutput';

/** A stream that records what it was given and fails on demand, as a pipe or a full disk would. */
class FakeStream extends EventEmitter {
  written: string[] = [];
  isTTY = false;
  write(text: string): boolean {
    this.written.push(text);
    return true;
  }
  fail(code: string, message: string): void {
    this.emit('error', Object.assign(new Error(message), { code }));
  }
}

/** The wrapped streams and the fakes beneath them. */
function wrapped(): { stdout: FakeStream; stderr: FakeStream; output: ReturnType<typeof processOutput> } {
  const stdout = new FakeStream();
  const stderr = new FakeStream();
  return { stdout, stderr, output: processOutput(stdout, stderr) };
}

describe('processOutput', () => {
  it('drops the rest of the output quietly when the reader goes away (EPIPE)', () => {
    const { stdout, stderr, output } = wrapped();
    output.stdout.write('first');
    stdout.fail('EPIPE', 'write EPIPE');
    output.stdout.write('second');
    assert.deepEqual(stdout.written, ['first']);
    assert.deepEqual(stderr.written, []);
    assert.equal(output.failed(), false);
  });

  it('reports any other write error once on stderr and marks the run as failed', () => {
    const { stdout, stderr, output } = wrapped();
    stdout.fail('ENOSPC', 'ENOSPC: no space left on device, write');
    stdout.fail('ENOSPC', 'ENOSPC: no space left on device, write');
    output.stdout.write('lost');
    assert.deepEqual(stdout.written, []);
    assert.deepEqual(stderr.written, ['api-guard: the output could not be written: ENOSPC: no space left on device, write\n']);
    assert.equal(output.failed(), true);
  });

  it('survives a stderr that is gone too', () => {
    const { stdout, stderr, output } = wrapped();
    stderr.fail('EPIPE', 'write EPIPE');
    stdout.fail('EIO', 'EIO: i/o error, write');
    assert.deepEqual(stderr.written, []);
    assert.equal(output.failed(), true);
    assert.equal(output.stderr.write('more'), false);
  });

  it('passes isTTY through, which decides colours', () => {
    const stdout = new FakeStream();
    stdout.isTTY = true;
    assert.equal(processOutput(stdout, new FakeStream()).stdout.isTTY, true);
  });
});
