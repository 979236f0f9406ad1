import { inCLocale } from '../quote.js';

/** TCP listeners of the box, without the header; -p names the user's own programs. */
export const listeningPortsCommand = (): string => inCLocale('ss -ltnpH');
