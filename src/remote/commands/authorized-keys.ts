/**
 * Adds the app's public key to the box's ~/.ssh/authorized_keys the way a careful person would:
 * creates ~/.ssh (0700) and the file (0600) if missing, appends the key only if that exact line
 * is not there yet (so running it twice changes nothing), never rewrites or truncates the file,
 * and first adds the missing final newline if the last line lacks one (else two keys would
 * share a line). POSIX sh only: no bashisms, no command substitution.
 */
import { raw, sh } from '../quote.js';

export class InvalidPublicKey extends Error {}

/** An OpenSSH public key line: `type base64 [comment]`, one line, nothing that could be a command. */
export const checkPublicKeyLine = (line: string): string => {
  const trimmed = line.trim();
  if (!/^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\.com) [A-Za-z0-9+/]+=* ?[\w.@+-]*$/.test(trimmed)) {
    throw new InvalidPublicKey('That is not an OpenSSH public key line.');
  }
  return trimmed;
};

export const addAuthorizedKeyCommand = (publicKeyLine: string): string => {
  const key = checkPublicKeyLine(publicKeyLine);
  const dir = raw('"$HOME"/.ssh');
  const file = raw('"$HOME"/.ssh/authorized_keys');
  return [
    sh`umask 077 && mkdir -p ${dir} && chmod 700 ${dir} && touch ${file} && chmod 600 ${file}`,
    sh`{ [ ! -s ${file} ] || tail -c 1 ${file} | od -An -c | grep -qF '\\n' || echo >> ${file}; }`,
    sh`{ grep -qxF ${key} ${file} || printf '%s\\n' ${key} >> ${file}; }`,
  ].join(' && ');
};
