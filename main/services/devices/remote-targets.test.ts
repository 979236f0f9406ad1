import { describe, expect, it } from 'vitest';
import { agentSocket } from './remote-targets.js';

describe('ssh-agent location', () => {
  it('uses SSH_AUTH_SOCK, else the Windows OpenSSH agent pipe, else none', () => {
    expect(agentSocket({ SSH_AUTH_SOCK: '/tmp/agent.sock' }, 'linux')).toBe('/tmp/agent.sock');
    expect(agentSocket({ SSH_AUTH_SOCK: 'pageant' }, 'win32')).toBe('pageant');
    expect(agentSocket({}, 'win32')).toBe('\\\\.\\pipe\\openssh-ssh-agent');
    expect(agentSocket({}, 'darwin')).toBeUndefined();
  });
});
