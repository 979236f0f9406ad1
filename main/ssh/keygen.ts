/**
 * Ed25519 key pairs that ssh2 can read back. ssh2's own generator occasionally (about 1 in 200)
 * writes an OpenSSH private key its parser rejects as "Malformed OpenSSH private key"; such a key
 * would fail every later login. Generate again until the key parses.
 */
import ssh2 from 'ssh2';

const attempts = 32;

export const parsesBack = (privateKey: string): boolean => !(ssh2.utils.parseKey(privateKey) instanceof Error);

export const generateEd25519 = (comment: string): { private: string; public: string } => {
  for (let i = 0; i < attempts; i += 1) {
    const pair = ssh2.utils.generateKeyPairSync('ed25519', { comment });
    if (parsesBack(pair.private)) return pair;
  }
  throw new Error('Could not generate an Ed25519 key that ssh2 can read.');
};
