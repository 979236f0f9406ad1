import { describe, expect, it } from 'vitest';
import { parseListeningPorts } from './ss-listen.js';

describe('ss -ltnH', () => {
  it('lists each port once with its addresses, loopback-only told apart, the program when shown', () => {
    const output = [
      'LISTEN 0      4096       127.0.0.53%lo:53        0.0.0.0:*',
      'LISTEN 0      128              0.0.0.0:22        0.0.0.0:*',
      'LISTEN 0      4096           127.0.0.1:11434     0.0.0.0:*    users:(("ollama",pid=2231,fd=3))',
      'LISTEN 0      4096             0.0.0.0:8888      0.0.0.0:*',
      'LISTEN 0      4096                [::]:8888         [::]:*',
      'LISTEN 0      128                 [::]:22           [::]:*',
      'LISTEN 0      511                    *:11000           *:*',
      'LISTEN 0      4096               [::1]:631          [::]:*',
      'garbage line',
      '',
    ].join('\n');
    expect(parseListeningPorts(output)).toEqual([
      { port: 22, addresses: ['0.0.0.0', '::'], public: true, process: null },
      { port: 53, addresses: ['127.0.0.53'], public: false, process: null },
      { port: 631, addresses: ['::1'], public: false, process: null },
      { port: 8888, addresses: ['0.0.0.0', '::'], public: true, process: null },
      { port: 11000, addresses: ['0.0.0.0'], public: true, process: null },
      { port: 11434, addresses: ['127.0.0.1'], public: false, process: 'ollama' },
    ]);
  });

  it('a header line (ss without -H) and an empty answer are nothing', () => {
    expect(parseListeningPorts('State  Recv-Q Send-Q Local Address:Port Peer Address:Port Process\n')).toEqual([]);
    expect(parseListeningPorts('')).toEqual([]);
  });
});
