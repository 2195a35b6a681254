import { describe, expect, it } from 'vitest';
import { SseParser } from '../../src/renderer/api/sse-parser';

describe('SseParser', () => {
  it('reads events split across chunks at any byte, with CRLF or LF', () => {
    const text =
      'retry: 2000\n: connected\n\nevent: engine\r\ndata: {"type":"status-changed"}\r\n\r\n: heartbeat\n\nevent: engine\ndata: {"a":\ndata: 1}\n\n';
    for (let cut = 1; cut < text.length; cut++) {
      const p = new SseParser();
      const got = [...p.feed(text.slice(0, cut)), ...p.feed(text.slice(cut))];
      expect(got, `cut at ${cut}`).toEqual([
        { event: 'engine', data: '{"type":"status-changed"}' },
        { event: 'engine', data: '{"a":\n1}' },
      ]);
    }
  });

  it('ignores comments and fields it does not know, and defaults the event name', () => {
    const p = new SseParser();
    expect(p.feed(': hi\nid: 3\nfoo: bar\ndata:x\n\n')).toEqual([{ event: 'message', data: 'x' }]);
  });
});
